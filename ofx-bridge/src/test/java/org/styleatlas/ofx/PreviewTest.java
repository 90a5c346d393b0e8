package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.ImageMetrics;

/**
 * Preview first, then refine, through the built plug-in and the real engine host as a command-line
 * host renders (fresh instance per frame, no temporal access): once the clip is decomposed, a
 * render shows the quick preview (Status "preview; …") while the full stylization trains; a render
 * in Wait for result mode waits for the full result only; afterwards every render returns the full
 * result, which replaces the preview.
 */
class PreviewTest {
  private static final int FRAMES = 4;

  /**
   * Full-stylization iterations: each of 3 frames with 2 + 2 views, against the preview's 40 of one
   * frame with 1 + 1.
   */
  private static final int FULL_ITERATIONS = 40;

  private static final int FRAME = 1;

  @TempDir Path dir;

  @Test
  void previewComesBackFirstAndTheFullResultReplacesIt() throws Exception {
    HostImage source = Fixture.clip(32, 24, Depth.FLOAT, 4, true).apply(FRAME);
    try (RealHost h = new RealHost(dir, Fixture.clip(32, 24, Depth.FLOAT, 4, true))) {
      Consumer<Effect> viewer = PreviewTest::prompt;
      Consumer<Effect> queue =
          i -> {
            prompt(i);
            i.params().get("wait").set(1);
          };
      h.analyse(FRAMES, viewer);
      long end = System.currentTimeMillis() + 600_000;
      RealHost.Rendered preview =
          h.until(FRAME, viewer, s -> s.startsWith("preview;") || s.equals(RealHost.STYLIZED), end);
      assertTrue(
          preview.status().startsWith("preview;"),
          "the preview comes back before the full result: "
              + preview.status()
              + "; jobs "
              + h.host.jobs().list());
      assertTrue(
          ImageMetrics.meanSquaredRgbDifference(source, preview.output()) > 1e-4,
          "the preview is a render, not the source frame");

      RealHost.Rendered waited = h.render(FRAME, queue);
      assertEquals(
          RealHost.STYLIZED,
          waited.status(),
          "Wait for result waits for the full result, not the preview");
      assertTrue(
          ImageMetrics.meanSquaredRgbDifference(preview.output(), waited.output()) > 1e-6,
          "the full result differs from the preview");

      RealHost.Rendered after = h.render(FRAME, viewer);
      assertEquals(RealHost.STYLIZED, after.status());
      assertEquals(
          0,
          ImageMetrics.meanSquaredRgbDifference(waited.output(), after.output()),
          1e-12,
          "the full result replaced the preview");
    }
  }

  private static void prompt(Effect i) {
    i.params().get("globalPrompt").set("a swan made of gold");
    i.params().get("quality").set(0);
    i.params().get("iterations").set(FULL_ITERATIONS);
  }
}
