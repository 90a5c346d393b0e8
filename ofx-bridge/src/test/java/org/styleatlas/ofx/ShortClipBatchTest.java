package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.styleatlas.engine.jobs.CountingRunner;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.BatchHost;

/**
 * Clips of one and two frames, rendered twice by a batch host against the real engine host without
 * Clip length, come back stylized on the second pass (issue #23 item 6).
 */
class ShortClipBatchTest {
  private static final float STYLIZED = 0.25f;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aShortClipIsStylizedOnTheSecondPass(int frames) throws Exception {
    HostConfig config = Fixture.hostConfig(dir);
    JobRunners runners =
        new JobRunners()
            .set(JobKind.DECOMPOSE, new CountingRunner(2, 1))
            .set(JobKind.STYLIZE, new CountingRunner(2, 1))
            .setRenderer(
                (decomposition, atlas, frame, settings, w, h, source, out) -> {
                  float[] px = new float[w * h * 4];
                  Arrays.fill(px, STYLIZED);
                  out.put(px);
                });
    try (EngineHost host = EngineHost.start(config, runners).orElseThrow();
        Fixture f = new Fixture(null)) {
      BatchHost batch =
          BatchHostTest.batch(f, "unix:" + config.bridgeSocket(), BatchHostTest::waitMode);
      BatchHost.Pass first =
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> batch.pass(frames));
      assertEquals(0, first.failures(), first.messages().toString());
      BatchHost.Pass second =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () -> batch.pass(frames));
      assertEquals(0, second.failures(), second.messages().toString());
      for (BatchHost.Frame fr : second.frames()) {
        assertEquals(
            STYLIZED,
            fr.written().get(1, 1, 0),
            1e-2f,
            "frame " + fr.time() + " is the engine's render");
      }
    }
  }
}
