package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * A decomposition that fails is reported to the plug-in at once, by every later render and in the
 * status reply, with its cause; it is not queued again (issues #19 item 4, #23 item 2). A render
 * without a prompt says that waiting cannot help.
 */
class FailedJobReportTest extends HostTestBase {
  private static final int FRAMES = 3;
  private static final String CAUSE = "matte: the source's alpha is opaque everywhere";

  private Path completeClip(String params) throws Exception {
    Path sock = host.config().bridgeSocket();
    for (int t = 0; t < FRAMES; t++) {
      BridgeRoundTripTest.render(sock, t, FRAMES, params, null);
    }
    return sock;
  }

  @Test
  void aFailedDecompositionIsAnErrorForEveryRenderAndOneJob() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    host =
        TestHost.start(
            TestHost.config(dir, false),
            new JobRunners()
                .set(
                    JobKind.DECOMPOSE,
                    ctx -> {
                      runs.incrementAndGet();
                      throw new InputException(CAUSE);
                    }));
    Path sock = completeClip(BridgeRoundTripTest.PROMPT);
    long end = System.currentTimeMillis() + 10_000;
    JsonNode r = BridgeRoundTripTest.render(sock, 1, FRAMES, BridgeRoundTripTest.PROMPT, null);
    while (!r.path("type").asText().equals("error") && System.currentTimeMillis() < end) {
      Thread.sleep(20);
      r = BridgeRoundTripTest.render(sock, 1, FRAMES, BridgeRoundTripTest.PROMPT, null);
    }
    assertEquals("job-failed", r.path("code").asText(), r.toString());
    assertTrue(r.path("message").asText().contains(CAUSE), r.toString());
    for (int i = 0; i < 20; i++) {
      JsonNode again =
          BridgeRoundTripTest.render(sock, i % FRAMES, FRAMES, BridgeRoundTripTest.PROMPT, null);
      assertEquals("job-failed", again.path("code").asText(), again.toString());
    }
    assertEquals(1, runs.get(), "the failing decomposition ran once");
    assertEquals(1, host.jobs().list().size(), "one job record: " + host.jobs().list());
    try (ShimClient c = ShimClient.unix(sock)) {
      JsonNode status = c.call("{\"type\":\"status\",\"id\":9}");
      assertEquals("failed", status.path("jobs").path(0).path("state").asText(), status.toString());
      assertTrue(
          status.path("jobs").path(0).path("message").asText().contains(CAUSE), status.toString());
    }
  }

  @Test
  void aRenderWithoutAPromptIsBlocked() throws Exception {
    host = TestHost.start(TestHost.config(dir, false), JobRunners.none());
    Path sock = completeClip(TestHost.NO_PARAMS);
    JsonNode r = BridgeRoundTripTest.render(sock, 1, FRAMES, TestHost.NO_PARAMS, null);
    assertEquals("pending", r.path("status").asText(), r.toString());
    assertEquals("no-prompt", r.path("stage").asText(), r.toString());
    assertTrue(r.path("blocked").asBoolean(), r.toString());
    assertTrue(r.path("message").asText().contains("globalPrompt"), r.toString());
  }
}
