package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;

/**
 * #19.8: a faststart MP4 cut short (its index lists every frame, most pictures are missing): the
 * probe counts exactly the frames the reader gets, and when none decodes both fail with the same
 * message naming the file.
 */
class TruncatedFaststartTest {
  private static final int FRAMES = 24;

  @TempDir static Path dir;
  static Path whole;

  @BeforeAll
  static void write() throws IOException {
    whole = FaststartMp4.write(dir.resolve("faststart.mp4"), FRAMES);
  }

  private static int read(Path mp4) {
    return ClipReader.read(ClipRequest.nativeSize(mp4, Optional.empty())).frameCount();
  }

  @Test
  void theWholeFileProbesAndReadsAllFrames() {
    assertEquals(FRAMES, MediaInfo.probe(whole).frameCount());
    assertEquals(FRAMES, read(whole));
  }

  @Test
  void probeAndReadAgreeAtEveryCut() throws IOException {
    for (double f : new double[] {0.9, 0.5, 0.3, 0.2, 0.1}) {
      Path cut = FaststartMp4.truncate(whole, f, dir.resolve("cut-" + f + ".mp4"));
      int probed = MediaInfo.probe(cut).frameCount();
      assertEquals(read(cut), probed, "frames of " + cut.getFileName());
      assertTrue(probed < FRAMES, cut.getFileName() + " lost frames: " + probed);
    }
  }

  @Test
  void aCutWithNoWholeFrameFailsTheSameWayInProbeAndRead() throws IOException {
    Path cut = FaststartMp4.truncate(whole, 0.05, dir.resolve("cut-tiny.mp4"));
    String probe = assertThrows(InputException.class, () -> MediaInfo.probe(cut)).getMessage();
    String read = assertThrows(InputException.class, () -> read(cut)).getMessage();
    assertEquals(probe, read);
    assertTrue(probe.contains(cut.toString()) && probe.contains("truncated or damaged"), probe);
  }
}
