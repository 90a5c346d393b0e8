package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.render.FrameRenderer;
import org.styleatlas.engine.render.FrameResampler;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.studio.ClipFiles;
import org.styleatlas.engine.studio.PreparedClip;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.ImageFiles;

/**
 * {@code styleatlas render} of a clip file at its own size composites over the source's pixels, not
 * over the working-size frames upsampled: every pixel the object leaves untouched (α below {@link
 * FrameRenderer#INVISIBLE_ALPHA}) comes out as the decoded source pixel, bit for bit, where the
 * working frame upsampled differs.
 */
class RenderOverSourcePixelsTest {
  private static final int W = 64;
  private static final int H = 48;
  private static final int FRAMES = 3;

  /** The working resolution, half the source's: the old composite upsampled it. */
  private static final String LONG_EDGE = "32";

  @TempDir Path dir;

  private TinyEngineSettings engineSettings;

  @BeforeEach
  void engineSettings() throws IOException {
    // the tiny pipeline's whole schedule: α must be clear of the background somewhere
    engineSettings = TinyEngineSettings.apply(dir, Map.of());
    GeneratedClipFiles.write(dir.resolve("clip"), W, H, FRAMES);
  }

  @AfterEach
  void clearEngineSettings() {
    engineSettings.close();
  }

  @Test
  void untouchedPixelsAreTheSourcePixelsAtItsSize() throws Exception {
    Path frames = dir.resolve("clip").resolve("frames");
    Path masks = dir.resolve("clip").resolve("masks");
    Path out = dir.resolve("composite");
    Path cache = dir.resolve("cache");
    render("composite", out);
    List<Path> sources = ImageFiles.list(frames);
    List<Path> rendered = ImageFiles.list(out);
    assertEquals(FRAMES, rendered.size());
    long untouched = 0;
    long differFromWorking = 0;
    try (PreparedClip clip =
        Studio.local(cache)
            .prepare(
                Optional.of(
                    ClipFiles.of(
                        frames,
                        Optional.of(masks),
                        Optional.of(Integer.parseInt(LONG_EDGE)),
                        Optional.empty(),
                        Optional.empty())),
                ProgressSink.NONE,
                Cancellation.none())) {
      for (int t = 0; t < FRAMES; t++) {
        float[] alpha = clip.scene().maps().maps(t, W, H).alpha();
        Raster source = ImageIO.read(sources.get(t).toFile()).getRaster();
        Raster output = ImageIO.read(rendered.get(t).toFile()).getRaster();
        Frame working = FrameResampler.resize(clip.scene().frame(t), W, H);
        for (int p = 0; p < W * H; p++) {
          if (alpha[p] >= FrameRenderer.INVISIBLE_ALPHA) {
            continue;
          }
          untouched++;
          int x = p % W;
          int y = p / W;
          boolean fromWorking = true;
          for (int c = 0; c < 3; c++) {
            int s = source.getSample(x, y, c);
            assertEquals(s, output.getSample(x, y, c), "frame " + t + " pixel " + x + "," + y);
            fromWorking &= Math.round(working.pixels()[p * 3 + c] * 255f) == s;
          }
          differFromWorking += fromWorking ? 0 : 1;
        }
      }
    }
    assertTrue(untouched > FRAMES * W * H / 5, "untouched pixels checked: " + untouched);
    assertTrue(
        differFromWorking > 0,
        "the working frames upsampled would have given the same pixels: the test shows nothing");
  }

  @Test
  void originalModeWritesTheSourcePixels() throws Exception {
    Path out = dir.resolve("original");
    render("original", out);
    List<Path> sources = ImageFiles.list(dir.resolve("clip").resolve("frames"));
    List<Path> rendered = ImageFiles.list(out);
    for (int t = 0; t < FRAMES; t++) {
      Raster source = ImageIO.read(sources.get(t).toFile()).getRaster();
      Raster output = ImageIO.read(rendered.get(t).toFile()).getRaster();
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(
                source.getSample(x, y, c),
                output.getSample(x, y, c),
                "frame " + t + " pixel " + x + "," + y);
          }
        }
      }
    }
  }

  /**
   * {@code styleatlas render} of the clip at its own size in {@code mode} to the folder {@code
   * out}.
   */
  private void render(String mode, Path out) {
    CapturedCli cli = new CapturedCli();
    int code =
        cli.run(
            "render",
            dir.resolve("clip").resolve("frames").toString(),
            "--matte",
            dir.resolve("clip").resolve("masks").toString(),
            "--long-edge",
            LONG_EDGE,
            "--size",
            W + "x" + H,
            "--output-mode",
            mode,
            "--out",
            out.toString(),
            "--cache",
            dir.resolve("cache").toString());
    assertEquals(ExitCodes.OK, code, cli.err());
  }
}
