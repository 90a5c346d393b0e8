package org.styleatlas.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Frame;

/**
 * {@link RenderJob#write} streams: a clip several times longer than the in-flight window arrives
 * whole and in order, in a PNG folder and in an MP4; a failure mid-clip leaves no video file and
 * keeps an older one.
 */
class RenderJobStreamingTest {
  private static final int FRAMES = 4 * RenderJob.IN_FLIGHT + 1;
  private static final RenderSettings SETTINGS =
      new RenderSettings(OutputMode.COMPOSITE, 1f, 64, 36, 2);
  private static SyntheticClip clip;
  private static SyntheticScene scene;

  @BeforeAll
  static void makeScene() {
    clip =
        SyntheticClipGenerator.generate(
            SyntheticClipSpec.embeddedDefault().resized(64, 36, FRAMES));
    scene = new SyntheticScene(clip, 64);
  }

  @Test
  void aPngFolderHoldsEveryFrameInOrder(@TempDir Path dir) throws IOException {
    Clip back = renderAndReadBack(dir.resolve("frames"));
    for (int t : new int[] {0, FRAMES - 1}) {
      float[] expected = expected(t).pixels();
      float[] actual = back.frame(t).pixels();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(
            Math.max(0, Math.min(1, expected[i])),
            actual[i],
            0.5 / 255 + 1e-6,
            "frame " + t + " value " + i);
      }
    }
  }

  @Test
  void anMp4HoldsEveryFrameInOrder(@TempDir Path dir) throws IOException {
    Clip back = renderAndReadBack(dir.resolve("clip.mp4"));
    Frame first = expected(0);
    Frame last = expected(FRAMES - 1);
    assertTrue(
        ImageMetrics.psnr(back.frame(0), first) > ImageMetrics.psnr(back.frame(0), last) + 3,
        "the first decoded frame is the first rendered one");
    assertTrue(
        ImageMetrics.psnr(back.frame(FRAMES - 1), last)
            > ImageMetrics.psnr(back.frame(FRAMES - 1), first) + 3,
        "the last decoded frame is the last rendered one");
    assertEquals(List.of("clip.mp4"), names(dir), "no temporary file is left");
  }

  @Test
  void aFailureMidClipLeavesNoVideoAndKeepsTheOldOne(@TempDir Path dir) throws IOException {
    Path fresh = dir.resolve("fresh.mp4");
    ClipRenderer renderer = new ClipRenderer(scene, scene.atlases());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                RenderJob.write(
                    renderer, originals(FRAMES - 2), SETTINGS, 25, fresh, ProgressSink.NONE));
    assertTrue(e.getMessage().contains("source frame " + (FRAMES - 2)), e.getMessage());
    assertFalse(Files.exists(fresh), "no partial video");

    Path old = dir.resolve("old.mp4");
    RenderJob.write(renderer, originals(-1), SETTINGS, 25, old, ProgressSink.NONE);
    byte[] before = Files.readAllBytes(old);
    assertThrows(
        IllegalStateException.class,
        () -> RenderJob.write(renderer, originals(3), SETTINGS, 25, old, ProgressSink.NONE));
    assertArrayEquals(before, Files.readAllBytes(old), "the older video is kept as it was");
    assertEquals(List.of("old.mp4"), names(dir), "no temporary file is left");
  }

  /** Renders the whole clip to {@code out} and reads it back; checks the frame count. */
  private static Clip renderAndReadBack(Path out) throws IOException {
    RenderJob.write(
        new ClipRenderer(scene, scene.atlases()),
        originals(-1),
        SETTINGS,
        25,
        out,
        ProgressSink.NONE);
    Clip back = ClipReader.read(ClipRequest.nativeSize(out, Optional.empty()));
    assertEquals(FRAMES, back.frameCount(), "every frame written");
    return back;
  }

  /** The clip's source frames; reading frame {@code failAt} fails (-1: never). */
  private static IntFunction<Frame> originals(int failAt) {
    return t -> {
      if (t == failAt) {
        throw new IllegalStateException("cannot read source frame " + t);
      }
      return clip.clip().frame(t);
    };
  }

  private static Frame expected(int t) {
    try (FrameRenderer r = new FrameRenderer(1)) {
      return r.render(
          scene.maps(t, 64, 36),
          clip.clip().frame(t),
          scene.atlases().foreground(),
          null,
          OutputMode.COMPOSITE);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
