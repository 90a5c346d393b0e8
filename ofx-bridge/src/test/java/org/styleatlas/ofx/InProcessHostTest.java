package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;

/**
 * The built plug-in against the real Vert.x engine host (not the stub), started in this JVM on private
 * folders: two passes of fresh instances, as a command-line host renders. The first pass is the analysis
 * pass; by its end the host has recognised the clip and queued its decomposition.
 */
class InProcessHostTest {
  private static final int FRAMES = 4;

  @TempDir Path dir;

  private HostConfig config() {
    Properties p = new Properties();
    p.setProperty("styleatlas.runtime.dir", dir.resolve("run").toString());
    p.setProperty("styleatlas.cache.dir", dir.resolve("cache").toString());
    p.setProperty("styleatlas.state.dir", dir.resolve("state").toString());
    return new ConfigLoader(Map.of(), p).load(null);
  }

  @Test
  void twoPassesOfFreshInstancesAgainstTheRealHost() throws Exception {
    HostConfig config = config();
    try (EngineHost host = EngineHost.start(config, JobRunners.none()).orElseThrow();
        Fixture f = new Fixture(null)) {
      DoubleFunction<HostImage> frames = Fixture.clip(32, 24, Depth.BYTE, 4, true);
      for (int pass = 0; pass < 2; pass++) {
        for (int t = 0; t < FRAMES; t++) {
          Effect instance = f.instance(Session.FILTER, frames, null);
          instance.params().get("engineAddress").set("unix:" + config.bridgeSocket());
          instance.params().get("globalPrompt").set("a swan made of gold");
          Session.Render r = f.session.render(instance, t);
          assertEquals(Status.OK, r.status(), instance.messages().toString());
          assertFalse(((String) instance.param("status")).isEmpty(), "the engine's stage is shown");
          assertEquals(0, instance.outstandingImages());
          f.session.destroyInstance(instance);
        }
      }
      assertTrue(host.jobs().list().stream().anyMatch(j -> j.spec().kind() == JobKind.DECOMPOSE),
          "the complete clip was recognised and its decomposition queued: " + host.jobs().list());
    }
  }
}
