package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.BatchHost;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;

/**
 * A clip whose decomposition fails, rendered by a batch host against the real engine host (issue
 * #23 item 2, #19 item 4): one job however often the clip is rendered, its cause named by every
 * render and posted once, and later passes fail at once instead of waiting.
 */
class FailingClipBatchTest {
  private static final Logger LOG = LoggerFactory.getLogger(FailingClipBatchTest.class);
  private static final int FRAMES = 8;
  private static final String CAUSE =
      "matte: the source's alpha is opaque everywhere (matteSource alpha)";

  @TempDir Path dir;

  @Test
  void aFailingClipIsOneJobAndLaterPassesFailAtOnceWithItsCause() throws Exception {
    HostConfig config = Fixture.hostConfig(dir);
    JobRunners failing =
        new JobRunners()
            .set(
                JobKind.DECOMPOSE,
                ctx -> {
                  throw new InputException(CAUSE);
                });
    try (EngineHost host = EngineHost.start(config, failing).orElseThrow();
        Fixture f = new Fixture(null)) {
      BatchHost batch =
          BatchHostTest.batch(f, "unix:" + config.bridgeSocket(), BatchHostTest::waitMode);
      BatchHost.Pass first =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () -> batch.pass(FRAMES));
      assertEquals(0, first.failures(), "the analysis pass returns originals: " + first.messages());
      List<Effect.Message> errors = new ArrayList<>();
      for (int pass = 2; pass <= 3; pass++) {
        BatchHost.Pass p =
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> batch.pass(FRAMES));
        LOG.info(
            "pass {} on a clip whose job failed: {} ms, {} ms after the first frame",
            pass,
            p.millis(),
            p.millis() - p.firstFrameMillis());
        assertEquals(
            FRAMES, p.failures(), "every frame of pass " + pass + " fails: " + p.messages());
        assertTrue(
            p.millis() - p.firstFrameMillis() <= 2000,
            "pass "
                + pass
                + " ends "
                + (p.millis() - p.firstFrameMillis())
                + " ms after its first frame");
        assertTrue(
            p.frames().stream().allMatch(fr -> fr.statusParam().contains(CAUSE)),
            "Status names the cause");
        BatchHostTest.assertWrittenAsSource(p);
        errors.addAll(p.messages(BatchHostTest.ERROR));
      }
      assertEquals(1, errors.size(), "named once: " + errors);
      assertTrue(
          errors.get(0).text().contains(CAUSE) && errors.get(0).text().contains("job-failed"),
          errors.get(0).text());
      assertEquals(1, host.jobs().list().size(), "one job after the passes: " + host.jobs().list());
    }
  }

  /**
   * The case of issue #23 item 2 with the build's real runners: an RGB source (alpha opaque
   * everywhere) with Matte source = Source alpha. The real decomposition fails at once; the second
   * pass names why.
   */
  @Test
  void anOpaqueAlphaFailsTheSecondPassWithTheRealRunners() throws Exception {
    HostConfig config = Fixture.hostConfig(dir);
    DoubleFunction<HostImage> rgb = Fixture.clip(16, 12, Depth.BYTE, 3, true);
    try (EngineHost host =
            EngineHost.start(config, TinyPipeline.discover(dir, TinyPipeline.WIRING_ONLY))
                .orElseThrow();
        Fixture f = new Fixture(null)) {
      BatchHost batch =
          BatchHostTest.batch(
              f,
              "unix:" + config.bridgeSocket(),
              rgb,
              i -> {
                BatchHostTest.waitMode(i);
                i.params().get("matteSource").set(1);
              });
      assertEquals(
          0,
          assertTimeoutPreemptively(Duration.ofSeconds(60), () -> batch.pass(FRAMES)).failures());
      BatchHost.Pass second =
          assertTimeoutPreemptively(Duration.ofSeconds(120), () -> batch.pass(FRAMES));
      assertEquals(FRAMES, second.failures(), second.messages().toString());
      List<Effect.Message> errors = second.messages(BatchHostTest.ERROR);
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(errors.get(0).text().contains("opaque everywhere"), errors.get(0).text());
      assertEquals(1, host.jobs().list().size(), host.jobs().list().toString());
    }
  }
}
