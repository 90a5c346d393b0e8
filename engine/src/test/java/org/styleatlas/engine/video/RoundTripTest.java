package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write, then read back, in every output format. */
class RoundTripTest {
  private static final int FRAMES = 4;
  private static final double FPS = 30000 / 1001.0;

  @TempDir Path dir;

  private Clip roundTrip(List<Frame> frames, String name) throws Exception {
    Path out = dir.resolve(name);
    ClipWriter.write(frames, FPS, out, OutputFormat.forPath(out));
    Clip clip = ClipReader.read(ClipRequest.nativeSize(out, Optional.empty()));
    assertEquals(frames.size(), clip.frameCount(), "frame count of " + name);
    assertEquals(frames.get(0).size(), clip.frame(0).size(), "size of " + name);
    return clip;
  }

  @Test
  void pngSequenceKeepsValuesTo8Bits() throws Exception {
    List<Frame> frames = TestFrames.ramps(FRAMES, 4, 1f);
    Clip clip = roundTrip(frames, "frames-png");
    assertEquals(Clip.DEFAULT_FPS, clip.fps());
    for (int t = 0; t < FRAMES; t++) {
      assertTrue(TestFrames.maxAbsDiff(frames.get(t), clip.frame(t), 0, 4) <= 0.5 / 255 + 1e-6);
    }
    assertTrue(clip.hasMatte(), "the PNG alpha becomes the matte");
  }

  @Test
  void h264KeepsColoursWithinCodecTolerance() throws Exception {
    // A row of 86 RGB pixels is no multiple of FFmpeg's SIMD width: buffers must be padded.
    List<Frame> frames = TestFrames.ramps(86, 50, FRAMES, 3, 1f);
    Clip clip = roundTrip(frames, "clip.mp4");
    assertEquals(FPS, clip.fps(), 1e-3, "the container's frame rate");
    assertEquals(3, clip.frame(0).channels());
    for (int t = 0; t < FRAMES; t++) {
      double err = TestFrames.meanAbsDiff(frames.get(t), clip.frame(t), 0, 3);
      assertTrue(err < 0.02, "frame " + t + " mean error " + err);
    }
  }

  @Test
  void h264AtHdKeepsColoursWithinCodecTolerance() throws Exception {
    // 720 lines and more: readers assume BT.709 for untagged video, so the stream must say what it
    // holds.
    List<Frame> frames = TestFrames.ramps(1280, 720, 2, 3, 1f);
    Clip clip = roundTrip(frames, "hd.mp4");
    for (int t = 0; t < frames.size(); t++) {
      double err = TestFrames.meanAbsDiff(frames.get(t), clip.frame(t), 0, 3);
      assertTrue(err < 0.01, "frame " + t + " mean error " + err);
    }
  }

  @Test
  void proResKeepsAlphaWithinCodecTolerance() throws Exception {
    List<Frame> frames = TestFrames.ramps(86, 50, FRAMES, 4, 1f);
    Clip clip = roundTrip(frames, "clip.mov");
    assertEquals(FPS, clip.fps(), 1e-3);
    assertEquals(4, clip.frame(0).channels(), "alpha survives");
    assertTrue(clip.hasMatte(), "the alpha becomes the matte");
    for (int t = 0; t < FRAMES; t++) {
      double alphaErr = TestFrames.maxAbsDiff(frames.get(t), clip.frame(t), 3, 4);
      double colourErr = TestFrames.meanAbsDiff(frames.get(t), clip.frame(t), 0, 3);
      assertTrue(alphaErr < 2.0 / 255, "frame " + t + " alpha error " + alphaErr);
      assertTrue(colourErr < 0.01, "frame " + t + " colour error " + colourErr);
    }
  }

  @Test
  void exrSequenceKeepsFloatValuesExactlyAboveOne() throws Exception {
    List<Frame> frames = TestFrames.ramps(FRAMES, 4, 4f);
    Clip clip = roundTrip(frames, "frames-exr");
    for (int t = 0; t < FRAMES; t++) {
      assertArrayEquals(frames.get(t).pixels(), clip.frame(t).pixels(), "frame " + t);
    }
    assertTrue(clip.frame(0).get(TestFrames.WIDTH - 1, 0, 0) > 3, "values above 1 kept");
  }

  @Test
  void exrWithoutAlphaStaysRgb() throws Exception {
    List<Frame> frames = TestFrames.ramps(1, 3, 2f);
    Clip clip = roundTrip(frames, "rgb-exr");
    assertEquals(3, clip.frame(0).channels());
    assertArrayEquals(frames.get(0).pixels(), clip.frame(0).pixels());
  }

  @Test
  void matteVideoIsReadAsTheClipsMatte() throws Exception {
    List<Frame> frames = TestFrames.ramps(FRAMES, 3, 1f);
    Path source = dir.resolve("source.mov");
    Path matte = dir.resolve("matte.mov");
    ClipWriter.write(frames, FPS, source, OutputFormat.PRORES_4444_MOV);
    ClipWriter.write(frames, FPS, matte, OutputFormat.PRORES_4444_MOV);
    Clip clip = ClipReader.read(new ClipRequest(source, Optional.of(matte), 32));
    assertEquals(new FrameSize(32, 24), clip.matte(0).size());
    assertEquals(
        clip.frame(1).get(10, 5, 0),
        clip.matte(1).get(10, 5),
        0.01,
        "the matte is the red channel");
  }
}
