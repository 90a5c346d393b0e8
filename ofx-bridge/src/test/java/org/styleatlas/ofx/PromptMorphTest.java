package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;

/**
 * The prompt morph through the built plug-in and the real engine host (TinyPipeline), as a command-line
 * host renders: a fresh instance per frame, no temporal access, the prompts as (stepped) strings and the
 * Morph amount keyframed 0 → 1 over the clip, interpolated by the host. Each morphed frame must lie
 * between the frame of look A (Morph 0) and the frame of look B (Morph 1), at a fraction that grows with
 * time: the blend happens in atlas space, and sampling and compositing are linear in the atlas colours.
 */
class PromptMorphTest {
  private static final int FRAMES = 4;
  private static final int ITERATIONS = 30;
  private static final String STYLIZED = "done 100%";
  private static final String LOOK_A = "a swan made of gold";
  private static final String LOOK_B = "a swan made of ice";

  @TempDir Path dir;

  private HostConfig config() {
    Properties p = new Properties();
    p.setProperty("styleatlas.runtime.dir", dir.resolve("run").toString());
    p.setProperty("styleatlas.cache.dir", dir.resolve("cache").toString());
    p.setProperty("styleatlas.state.dir", dir.resolve("state").toString());
    return new ConfigLoader(Map.of(), p).load(null);
  }

  @Test
  void animatedMorphMovesEachFrameMonotonicallyFromLookAToLookB() throws Exception {
    HostConfig config = config();
    try (EngineHost host = EngineHost.start(config, TinyPipeline.discover(dir, TinyPipeline.WIRING_ONLY)).orElseThrow();
        Fixture f = new Fixture(null)) {
      DoubleFunction<HostImage> frames = Fixture.clip(32, 24, Depth.FLOAT, 4, true);
      Consumer<Effect> animated = i -> {
        i.params().get("morph").setKey(0, 0.0);
        i.params().get("morph").setKey(FRAMES - 1, 1.0);
      };
      for (int pass = 0; pass < 2; pass++) { // the analysis pass, then the restart at 0 completes the clip
        for (int t = 0; t < FRAMES; t++) {
          render(f, config, frames, t, animated);
        }
      }
      HostImage[] a = new HostImage[FRAMES];
      HostImage[] b = new HostImage[FRAMES];
      HostImage[] morphed = new HostImage[FRAMES];
      long end = System.currentTimeMillis() + 600_000;
      for (int t = 0; t < FRAMES; t++) {
        morphed[t] = untilStylized(f, config, frames, t, animated, end, host);
        a[t] = untilStylized(f, config, frames, t, i -> i.params().get("morph").set(0.0), end, host);
        b[t] = untilStylized(f, config, frames, t, i -> i.params().get("morph").set(1.0), end, host);
      }
      double previous = -1;
      for (int t = 0; t < FRAMES; t++) {
        double[] fit = fraction(a[t], b[t], morphed[t]);
        double expected = t / (double) (FRAMES - 1);
        assertTrue(fit[1] > 1e-4, "the two prompts give different looks at frame " + t + ": mean |B − A|² " + fit[1]);
        assertEquals(expected, fit[0], 0.02, "frame " + t + " lies at the interpolated Morph between the looks");
        assertTrue(fit[0] > previous, "frame " + t + " is further towards look B than frame " + (t - 1));
        assertTrue(fit[2] < 1e-3 * fit[1], "frame " + t + " lies on the line between the looks: residual " + fit[2]);
        previous = fit[0];
      }
    }
  }

  /**
   * The least-squares fraction s with {@code out ≈ a + s·(b − a)} over every sample, with the mean squared
   * {@code b − a} and the mean squared residual.
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

  private static HostImage untilStylized(Fixture f, HostConfig config, DoubleFunction<HostImage> frames, int t,
      Consumer<Effect> morph, long end, EngineHost host) throws InterruptedException {
    Rendered r = render(f, config, frames, t, morph);
    while (!r.status().equals(STYLIZED) && System.currentTimeMillis() < end) {
      Thread.sleep(500);
      r = render(f, config, frames, t, morph);
    }
    assertEquals(STYLIZED, r.status(), "frame " + t + ", the engine's jobs: " + host.jobs().list());
    return r.output();
  }

  private record Rendered(String status, HostImage output) {}

  /** Renders frame t with a fresh instance, as a command-line host does, and destroys it. */
  private static Rendered render(Fixture f, HostConfig config, DoubleFunction<HostImage> frames, int t,
      Consumer<Effect> morph) {
    Effect instance = f.instance(Session.FILTER, frames, null);
    instance.params().get("engineAddress").set("unix:" + config.bridgeSocket());
    instance.params().get("globalPrompt").set(LOOK_A);
    instance.params().get("morphTo").set(LOOK_B);
    instance.params().get("quality").set(0);
    instance.params().get("iterations").set(ITERATIONS);
    morph.accept(instance);
    Session.Render r = f.session.render(instance, t);
    assertEquals(Status.OK, r.status(), instance.messages().toString());
    String status = (String) instance.param("status");
    assertEquals(0, instance.outstandingImages());
    f.session.destroyInstance(instance);
    return new Rendered(status, r.output());
  }
}
