package org.styleatlas.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.pipeline.ArtifactRecipe;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.OutputFormat;

/**
 * #19.6: a working size never enlarges a source unless asked; an enlarged clip has its own cache
 * address.
 */
class WorkingSizeTest {
  @TempDir static Path dir;
  static Path frames;
  static Path mp4;

  @BeforeAll
  static void writeClips() throws IOException {
    List<Frame> clip = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      float[] px = new float[64 * 36 * 3];
      for (int i = 0; i < px.length; i++) {
        px[i] = ((i + 5 * t) % 64) / 64f;
      }
      clip.add(new Frame(64, 36, 3, px));
    }
    frames = dir.resolve("frames");
    ClipWriter.write(clip, 24, frames, OutputFormat.PNG_SEQUENCE);
    mp4 = dir.resolve("clip.mp4");
    ClipWriter.write(clip, 24, mp4, OutputFormat.H264_MP4);
  }

  private static FrameSize read(Path source, WorkingSize size) {
    Clip c =
        ClipReader.read(size.request(source, Optional.empty(), WorkingSize.sourceSize(source)));
    return c.frame(0).size();
  }

  @Test
  void aSmallClipIsWorkedAtItsOwnSizeUnlessEnlargingIsAsked() {
    for (Path source : List.of(frames, mp4)) {
      assertEquals(new FrameSize(64, 36), read(source, new WorkingSize(128, false)), "" + source);
      assertEquals(new FrameSize(128, 72), read(source, new WorkingSize(128, true)), "" + source);
      assertEquals(new FrameSize(32, 18), read(source, new WorkingSize(32, false)), "shrinks");
      assertEquals(new FrameSize(64, 36), read(source, new WorkingSize(0, true)), "0 keeps");
    }
  }

  @Test
  void theReaderNeverEnlargesByDefault() {
    assertEquals(
        64, ClipReader.read(new ClipRequest(frames, Optional.empty(), 4096)).frame(0).width());
  }

  @Test
  void onlyAnActuallyEnlargedClipGetsItsOwnAddress() {
    FrameSize small = new FrameSize(64, 36);
    assertTrue(new WorkingSize(128, true).upscales(small));
    assertFalse(new WorkingSize(128, false).upscales(small));
    assertFalse(new WorkingSize(32, true).upscales(small), "shrinking is no enlargement");
    DecomposeSettings alpha = new DecomposeSettings("alpha", null);
    DecompositionConfig config = DecompositionConfig.fast();
    assertEquals(
        ArtifactRecipe.decomposition("clip:x", alpha, config, 128),
        ArtifactRecipe.decomposition("clip:x", alpha, config, 128, false),
        "addresses of clips that were not enlarged are unchanged");
    assertNotEquals(
        ArtifactRecipe.decomposition("clip:x", alpha, config, 128),
        ArtifactRecipe.decomposition("clip:x", alpha, config, 128, true));
  }

  @Test
  void theClampNoticeNamesTheSourceBothSizesAndTheFlag() {
    String notice = WorkingSize.clampNotice(mp4, new FrameSize(64, 36), 512);
    assertTrue(
        notice.contains(mp4.toString())
            && notice.contains("64x36")
            && notice.contains("512")
            && notice.contains("--allow-upscale"),
        notice);
  }
}
