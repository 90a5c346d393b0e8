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

/**
 * The prompt morph through the built plug-in and the real engine host (TinyPipeline), as a
 * command-line host renders: a fresh instance per frame, no temporal access, the prompts as
 * (stepped) strings and the Morph amount keyframed 0 → 1 over the clip, interpolated by the host.
 * Each morphed frame must lie between the frame of look A (Morph 0) and the frame of look B (Morph
 * 1), at a fraction that grows with time: the blend happens in atlas space, and sampling and
 * compositing are linear in the atlas colours.
 */
class PromptMorphTest {
  private static final int FRAMES = 4;
  private static final int ITERATIONS = 30;
  private static final String LOOK_A = "a swan made of gold";
  private static final String LOOK_B = "a swan made of ice";

  @TempDir Path dir;

  @Test
  void animatedMorphMovesEachFrameMonotonicallyFromLookAToLookB() throws Exception {
    try (RealHost h = new RealHost(dir, Fixture.clip(32, 24, Depth.FLOAT, 4, true))) {
      Consumer<Effect> animated =
          i -> {
            looks(i);
            i.params().get("wait").set(1);
            i.params().get("morph").setKey(0, 0.0);
            i.params().get("morph").setKey(FRAMES - 1, 1.0);
          };
      h.analyse(FRAMES, i -> looks(i)); // without Wait: the analysis pass returns originals
      HostImage[] a = new HostImage[FRAMES];
      HostImage[] b = new HostImage[FRAMES];
      HostImage[] morphed = new HostImage[FRAMES];
      long end = System.currentTimeMillis() + 600_000;
      for (int t = 0; t < FRAMES; t++) {
        morphed[t] = stylized(h, t, animated, end);
        a[t] =
            stylized(
                h,
                t,
                i -> {
                  looks(i);
                  i.params().get("wait").set(1);
                  i.params().get("morph").set(0.0);
                },
                end);
        b[t] =
            stylized(
                h,
                t,
                i -> {
                  looks(i);
                  i.params().get("wait").set(1);
                  i.params().get("morph").set(1.0);
                },
                end);
      }
      double previous = -1;
      for (int t = 0; t < FRAMES; t++) {
        double[] fit = fraction(a[t], b[t], morphed[t]);
        double expected = t / (double) (FRAMES - 1);
        assertTrue(
            fit[1] > 1e-4,
            "the two prompts give different looks at frame " + t + ": mean |B − A|² " + fit[1]);
        assertEquals(
            expected,
            fit[0],
            0.02,
            "frame " + t + " lies at the interpolated Morph between the looks");
        assertTrue(
            fit[0] > previous, "frame " + t + " is further towards look B than frame " + (t - 1));
        assertTrue(
            fit[2] < 1e-3 * fit[1],
            "frame " + t + " lies on the line between the looks: residual " + fit[2]);
        previous = fit[0];
      }
    }
  }

  /**
   * Both prompts, stepped strings without keys; the callers after the analysis pass add Wait for
   * result (each render waits for the full looks: no previews are trained). Morph is set by the
   * caller.
   */
  private static void looks(Effect i) {
    i.params().get("maxWaitSeconds").set(600);
    i.params().get("globalPrompt").set(LOOK_A);
    i.params().get("morphTo").set(LOOK_B);
    i.params().get("quality").set(0);
    i.params().get("iterations").set(ITERATIONS);
  }

  private static HostImage stylized(RealHost h, int t, Consumer<Effect> setup, long end)
      throws InterruptedException {
    RealHost.Rendered r = h.until(t, setup, RealHost.STYLIZED::equals, end);
    assertEquals(
        RealHost.STYLIZED,
        r.status(),
        "frame " + t + ", the engine's jobs: " + h.host.jobs().list());
    return r.output();
  }

  /**
   * The least-squares fraction s with {@code out ≈ a + s·(b − a)} over every sample, with the mean
   * squared {@code b − a} and the mean squared residual.
   */
  private static double[] fraction(HostImage a, HostImage b, HostImage out) {
    double num = 0;
    double den = 0;
    int n = 0;
    for (int y = a.y1; y < a.y2; y++) {
      for (int x = a.x1; x < a.x2; x++) {
        for (int c = 0; c < 3; c++) {
          double d = b.get(x, y, c) - a.get(x, y, c);
          num += (out.get(x, y, c) - a.get(x, y, c)) * d;
          den += d * d;
          n++;
        }
      }
    }
    double s = den > 0 ? num / den : 0;
    double residual = 0;
    for (int y = a.y1; y < a.y2; y++) {
      for (int x = a.x1; x < a.x2; x++) {
        for (int c = 0; c < 3; c++) {
          double fit = a.get(x, y, c) + s * (b.get(x, y, c) - a.get(x, y, c));
          residual += (out.get(x, y, c) - fit) * (out.get(x, y, c) - fit);
        }
      }
    }
    return new double[] {s, den / n, residual / n};
  }
}
