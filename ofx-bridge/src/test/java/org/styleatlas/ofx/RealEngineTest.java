package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;

/**
 * The harness against a real engine host, when one listens at STYLEATLAS_ENGINE_SOCKET (the
 * plug-in's "local" address reads the same variable): two passes of fresh instances, as a
 * command-line host renders.
 */
@EnabledIfEnvironmentVariable(named = "STYLEATLAS_ENGINE_SOCKET", matches = ".+")
class RealEngineTest {
  private static final int FRAMES = 4;

  @Test
  void twoPassesOfFreshInstancesAgainstTheRealEngine() throws Exception {
    try (Fixture f = new Fixture(null)) {
      DoubleFunction<HostImage> frames = Fixture.clip(32, 24, Depth.BYTE, 4, true);
      for (int pass = 0; pass < 2; pass++) {
        for (int t = 0; t < FRAMES; t++) {
          Effect instance = f.instance(Session.FILTER, frames, null);
          instance.params().get("globalPrompt").set("a swan made of gold");
          instance.params().get("quality").set(0);
          Session.Render r = f.session.render(instance, t);
          assertEquals(Status.OK, r.status(), instance.messages().toString());
          assertFalse(((String) instance.param("status")).isEmpty(), "the engine's stage is shown");
          assertEquals(0, instance.outstandingImages());
          f.session.destroyInstance(instance);
        }
      }
    }
  }
}
