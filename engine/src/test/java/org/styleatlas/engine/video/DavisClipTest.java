package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.testing.SharedData;

/** The real DAVIS blackswan clip, read in place: JPEG frames and palette PNG masks. */
class DavisClipTest {

  @Test
  void blackswanLoadsWithItsMatteAtNativeSize() {
    Clip clip =
        ClipReader.read(
            ClipRequest.nativeSize(
                SharedData.frames("blackswan"), Optional.of(SharedData.masks("blackswan"))));
    assertEquals(50, clip.frameCount());
    assertEquals(854, clip.width());
    assertEquals(480, clip.height());
    assertEquals(3, clip.frame(0).channels());
    assertTrue(clip.hasMatte());
    double coverage = clip.matte(0).coverage();
    assertTrue(coverage > 0.05 && coverage < 0.5, "the swan covers part of the frame: " + coverage);
  }

  @Test
  void blackswanResizesFramesAndMattesToTheLongEdge() {
    Clip clip =
        ClipReader.read(
            new ClipRequest(
                SharedData.frames("blackswan"), Optional.of(SharedData.masks("blackswan")), 256));
    assertEquals(new FrameSize(256, 144), clip.frame(49).size());
    assertEquals(new FrameSize(256, 144), clip.matte(49).size());
    float m = clip.matte(10).values()[0];
    assertTrue(m >= 0 && m <= 1, "area-filtered matte stays in [0, 1]");
  }
}
