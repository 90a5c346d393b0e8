package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;

/**
 * The built plug-in against the real Vert.x engine host (not the stub) with the runners this build
 * registers ({@link TinyPipeline}: shrunk, with the committed CLIP fixture), started in this JVM on
 * private folders: passes of fresh instances, as a command-line host renders. The first pass is the
 * analysis pass; by its end the host has recognised the clip and queued its decomposition. Later
 * passes get the stylized frames once the decomposition and stylization are done.
 */
class InProcessHostTest {
  private static final int FRAMES = 4;
  private static final String STYLIZED = "done 100%";

  @TempDir Path dir;

  @Test
  void twoPassesOfFreshInstancesAgainstTheRealHost() throws Exception {
    HostConfig config = Fixture.hostConfig(dir);
    try (EngineHost host =
            EngineHost.start(config, TinyPipeline.discover(dir, TinyPipeline.WIRING_ONLY))
                .orElseThrow();
        Fixture f = new Fixture(null)) {
      DoubleFunction<HostImage> frames = Fixture.clip(32, 24, Depth.BYTE, 4, true);
      for (int pass = 0; pass < 2; pass++) {
        for (int t = 0; t < FRAMES; t++) {
          render(f, config, frames, t);
        }
      }
      assertTrue(
          host.jobs().list().stream().anyMatch(j -> j.spec().kind() == JobKind.DECOMPOSE),
          "the complete clip was recognised and its decomposition queued: " + host.jobs().list());

      long end = System.currentTimeMillis() + 300_000;
      Rendered r = render(f, config, frames, 1);
      while (!r.status().equals(STYLIZED) && System.currentTimeMillis() < end) {
        Thread.sleep(500);
        r = render(f, config, frames, 1);
      }
      assertEquals(STYLIZED, r.status(), "the engine's stage: " + host.jobs().list());
      HostImage source = frames.apply(1);
      int changed = 0;
      for (int y = 0; y < source.y2; y++) {
        for (int x = 0; x < source.x2; x++) {
          assertTrue(
              r.output().raw(x, y, 3) >= source.raw(x, y, 3),
              "the composite never makes a pixel more transparent than the source");
          for (int c = 0; c < 4; c++) {
            changed += r.output().raw(x, y, c) != source.raw(x, y, c) ? 1 : 0;
          }
        }
      }
      assertTrue(changed > 0, "the output is the engine's render, not the source passed through");
    }
  }

  private record Rendered(String status, HostImage output) {}

  /** Renders frame t with a fresh instance, as a command-line host does, and destroys it. */
  private static Rendered render(
      Fixture f, HostConfig config, DoubleFunction<HostImage> frames, int t) {
    Effect instance = f.instance(Session.FILTER, frames, null);
    instance.params().get("engineAddress").set("unix:" + config.bridgeSocket());
    instance.params().get("globalPrompt").set("a swan made of gold");
    instance.params().get("quality").set(0);
    instance.params().get("iterations").set(3);
    Session.Render r = f.session.render(instance, t);
    assertEquals(Status.OK, r.status(), instance.messages().toString());
    String status = (String) instance.param("status");
    assertFalse(status.isEmpty(), "the engine's stage is shown");
    assertEquals(0, instance.outstandingImages());
    f.session.destroyInstance(instance);
    return new Rendered(status, r.output());
  }
}
