package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.jobs.CountingRunner;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;

/** The protocol through shared memory, from a fresh clip to a stylized frame. */
class BridgeRoundTripTest extends HostTestBase {
  static final int W = 32;
  static final int H = 24;
  static final float STYLIZED = 0.25f;
  static final String PROMPT = "{\"prompt\":\"a swan made of gold\"}";

  static JsonNode render(Path socket, int t, int clipLength, String params, float[] expectOutput)
      throws Exception {
    try (ShimClient c = ShimClient.unix(socket);
        ShmRequest shm = new ShmRequest(W, H, TestFrames.rgba(W, H, t))) {
      JsonNode reply = c.call(shm.render(7, t, clipLength, params));
      if (expectOutput != null) {
        assertArrayEquals(expectOutput, shm.outputPixels(), "output plane of frame " + t);
      }
      return reply;
    }
  }

  @Test
  void helloThenCollectDecomposeStylizeRender() throws Exception {
    JobRunners runners =
        new JobRunners()
            .set(JobKind.DECOMPOSE, new CountingRunner(3, 1))
            .set(JobKind.STYLIZE, new CountingRunner(3, 1))
            .setRenderer(
                (decomposition, atlas, frame, settings, w, h, source, out) -> {
                  float[] px = new float[w * h * 4];
                  Arrays.fill(px, STYLIZED);
                  out.put(px);
                });
    host = TestHost.start(TestHost.config(dir, false), runners);
    Path sock = host.config().bridgeSocket();
    try (ShimClient c = ShimClient.unix(sock)) {
      JsonNode hello = c.call("{\"type\":\"hello\",\"id\":1,\"protocol\":1,\"client\":\"test\"}");
      assertEquals("hello", hello.path("type").asText());
      assertEquals(1, hello.path("protocol").asInt());
    }
    for (int t = 0; t < 3; t++) {
      JsonNode r = render(sock, t, 0, PROMPT, TestFrames.rgba(W, H, t));
      assertEquals("pending", r.path("status").asText(), r.toString());
      assertEquals("collecting", r.path("stage").asText());
      assertEquals(7, r.path("id").asLong());
    }
    JsonNode restart = render(sock, 0, 0, PROMPT, TestFrames.rgba(W, H, 0));
    assertEquals(
        64,
        restart.path("clip").asText().length(),
        "rendering restarted at 0: clip complete " + restart);
    assertTrue(restart.path("stage").asText().matches("decomposing|stylizing"), restart.toString());

    JsonNode done = restart;
    long end = System.currentTimeMillis() + 20_000;
    while (!done.path("status").asText().equals("stylized") && System.currentTimeMillis() < end) {
      Thread.sleep(50);
      done = render(sock, 1, 0, PROMPT, null);
    }
    assertEquals("stylized", done.path("status").asText(), done.toString());
    assertEquals("done", done.path("stage").asText());
    float[] expect = new float[W * H * 4];
    Arrays.fill(expect, STYLIZED);
    render(sock, 2, 0, PROMPT, expect);

    try (ShimClient c = ShimClient.unix(sock)) {
      JsonNode status = c.call("{\"type\":\"status\",\"id\":9}");
      assertEquals(2, status.path("jobs").size(), status.toString());
    }
  }

  @Test
  void withoutRunnersRendersAnswerPendingWithTheSourceFrameAndSayWhy() throws Exception {
    host = TestHost.start(TestHost.config(dir, false), JobRunners.none());
    Path sock = host.config().bridgeSocket();
    for (int t = 0; t < 4; t++) {
      JsonNode r = render(sock, t, 4, PROMPT, TestFrames.rgba(W, H, t));
      assertEquals("pending", r.path("status").asText());
    }
    JsonNode r = render(sock, 2, 4, PROMPT, TestFrames.rgba(W, H, 2));
    assertEquals("decomposing", r.path("stage").asText(), r.toString());
    assertTrue(r.path("message").asText().contains("no decompose runner"), r.toString());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)),
        "socket mode");
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(sock.getParent())),
        "runtime folder mode");
  }
}
