package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * Unauthenticated, malformed, oversize and path-traversal requests are rejected, each with its
 * error.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest {
  static final int W = 8;
  static final int H = 4;

  @TempDir static Path dir;
  EngineHost host;
  String token;

  @BeforeAll
  void start() throws Exception {
    host = TestHost.start(TestHost.config(dir, true), JobRunners.none());
    token = Files.readString(host.config().tcp().tokenFile()).trim();
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(host.config().tcp().tokenFile())));
  }

  @AfterAll
  void stop() {
    host.close();
  }

  private HttpResponse<Buffer> http(Vertx vertx, HttpMethod m, String uri, String auth, Buffer body)
      throws Exception {
    WebClient web = WebClient.create(vertx);
    try {
      HttpRequest<Buffer> req = web.request(m, host.httpTcpPort(), "127.0.0.1", uri);
      if (auth != null) {
        req.putHeader("Authorization", "Bearer " + auth);
      }
      return (body == null ? req.send() : req.sendBuffer(body)).await(20, TimeUnit.SECONDS);
    } finally {
      web.close();
    }
  }

  private static void assertError(HttpResponse<Buffer> res, int status, String messagePart) {
    assertEquals(status, res.statusCode(), res.bodyAsString());
    assertEquals("application/json", res.getHeader("Content-Type"));
    assertTrue(
        res.bodyAsJsonObject().getString("message").contains(messagePart), res.bodyAsString());
  }

  @Test
  void httpOnTcpNeedsTheTokenExceptForHealth(Vertx vertx) throws Exception {
    assertEquals(200, http(vertx, HttpMethod.GET, "/v1/health", null, null).statusCode());
    assertError(http(vertx, HttpMethod.GET, "/v1/jobs", null, null), 401, "Authorization");
    assertError(http(vertx, HttpMethod.GET, "/v1/jobs", "wrong-token", null), 401, "Authorization");
    assertEquals(200, http(vertx, HttpMethod.GET, "/v1/jobs", token, null).statusCode());
  }

  @Test
  void httpRejectsMalformedOversizeAndTraversal(Vertx vertx) throws Exception {
    assertError(
        http(vertx, HttpMethod.POST, "/v1/jobs", token, Buffer.buffer("{not json")),
        400,
        "request body");
    assertError(
        http(
            vertx,
            HttpMethod.POST,
            "/v1/jobs",
            token,
            Buffer.buffer("{\"kind\":\"paint\",\"source\":\"/x\"}")),
        400,
        "kind");
    assertError(
        http(vertx, HttpMethod.POST, "/v1/jobs", token, Buffer.buffer("x".repeat(200_000))),
        413,
        "limit");
    assertError(
        http(
            vertx,
            HttpMethod.POST,
            "/v1/jobs",
            token,
            Buffer.buffer("{\"kind\":\"decompose\",\"source\":\"/tmp/../etc/passwd\"}")),
        400,
        "source");
    assertError(
        http(
            vertx,
            HttpMethod.POST,
            "/v1/jobs",
            token,
            Buffer.buffer("{\"kind\":\"decompose\",\"source\":\"relative/frames\"}")),
        400,
        "source");
    assertError(
        http(
            vertx,
            HttpMethod.POST,
            "/v1/jobs",
            token,
            Buffer.buffer(
                "{\"kind\":\"decompose\",\"source\":\"" + dir.resolve("missing") + "\"}")),
        400,
        "does not exist");
    assertError(
        http(vertx, HttpMethod.GET, "/v1/clips/..%2F..%2Fetc%2Fpasswd/frames/0.png", token, null),
        400,
        "clip");
    assertError(
        http(
            vertx,
            HttpMethod.GET,
            "/v1/clips/" + "a".repeat(64) + "/frames/..%2F0.png",
            token,
            null),
        400,
        "frame");
    assertError(
        http(vertx, HttpMethod.GET, "/v1/clips/" + "a".repeat(64) + "/frames/0.png", token, null),
        404,
        "clip");
    assertError(
        http(vertx, HttpMethod.GET, "/v1/jobs/j-0000000000000000", token, null),
        404,
        "no such job");
  }

  @Test
  void bridgeOnTcpNeedsHelloWithTheToken() throws Exception {
    try (ShimClient c = ShimClient.tcp(host.bridgeTcpPort())) {
      JsonNode r = c.call("{\"type\":\"status\",\"id\":3}");
      assertEquals("unauthorized", r.path("code").asText(), r.toString());
      assertTrue(c.closedByServer());
    }
    try (ShimClient c = ShimClient.tcp(host.bridgeTcpPort())) {
      JsonNode r = c.call("{\"type\":\"hello\",\"id\":1,\"protocol\":1,\"token\":\"nope\"}");
      assertEquals("unauthorized", r.path("code").asText(), r.toString());
      assertTrue(c.closedByServer());
    }
    try (ShimClient c = ShimClient.tcp(host.bridgeTcpPort())) {
      assertEquals(
          "hello",
          c.call("{\"type\":\"hello\",\"id\":1,\"protocol\":1,\"token\":\"" + token + "\"}")
              .path("type")
              .asText());
      float[] src = TestFrames.rgba(W, H, 0);
      JsonNode r =
          c.call(
              "{\"type\":\"render\",\"id\":2,\"time\":0,\"payloadBytes\":"
                  + W * H * 16
                  + ",\"image\":{\"width\":"
                  + W
                  + ",\"height\":"
                  + H
                  + ",\"inline\":true},\"output\":{\"inline\":true},"
                  + "\"params\":{}}",
              TestFrames.bytes(src));
      assertEquals("pending", r.path("status").asText(), r.toString());
      assertEquals(W * H * 16, c.lastPayload().length, "inline output payload");
      assertTrue(
          java.util.Arrays.equals(TestFrames.bytes(src), c.lastPayload()),
          "source frame echoed inline");
    }
  }

  @Test
  void bridgeRejectsMalformedOversizeAndBadSegments() throws Exception {
    Path sock = host.config().bridgeSocket();
    try (ShimClient c = ShimClient.unix(sock)) {
      JsonNode r = c.call("{\"type\":\"render\",\"id\":5,");
      assertEquals("malformed", r.path("code").asText(), r.toString());
      assertTrue(c.closedByServer(), "malformed closes the connection");
    }
    try (ShimClient c = ShimClient.unix(sock)) {
      JsonNode r = c.call("{\"type\":\"teleport\",\"id\":6}");
      assertEquals("malformed", r.path("code").asText());
      assertEquals(6, r.path("id").asInt());
      assertTrue(r.path("message").asText().contains("teleport"), r.toString());
    }
    try (ShimClient c = ShimClient.unix(sock)) {
      JsonNode r = c.call("{\"type\":\"render\",\"id\":7,\"time\":0,\"params\":{}}");
      assertEquals("malformed", r.path("code").asText());
      assertTrue(r.path("message").asText().contains("image"), r.toString());
    }
    try (ShimClient c = ShimClient.unix(sock)) {
      JsonNode r = c.raw(ByteBuffer.allocate(4).putInt(70_000).array());
      assertEquals("malformed", r.path("code").asText());
      assertTrue(r.path("message").asText().contains("70000"), r.toString());
    }
    try (ShimClient c = ShimClient.unix(sock);
        ShmRequest shm = new ShmRequest(W, H, TestFrames.rgba(W, H, 0))) {
      JsonNode r = c.call(shm.render(8, 0, 0, "{}").replace(shm.name, "/../../dev/shm/other"));
      assertEquals("bad-segment", r.path("code").asText(), r.toString());
      r =
          c.call(
              shm.render(9, 0, 0, "{}").replace("\"offset\":0", "\"offset\":" + (W * H * 16 + 64)));
      assertEquals("bad-segment", r.path("code").asText(), r.toString());
      assertTrue(r.path("message").asText().contains("outside"), r.toString());
      r = c.call(shm.render(10, 0, 0, "{\"prefixes\":5}"));
      assertEquals("bad-input", r.path("code").asText(), r.toString());
      assertTrue(r.path("message").asText().startsWith("params.prefixes"), r.toString());
      r = c.call(shm.render(11, 0, 0, "{\"styleImage\":\"../../etc/passwd\"}"));
      assertEquals("bad-input", r.path("code").asText(), r.toString());
      r =
          c.call(
              shm.render(12, 0, 0, "{}")
                  .replace("\"shm\":\"" + shm.name + "\",\"offset\":0}", "\"inline\":true}"));
      assertEquals("malformed", r.path("code").asText(), "inline planes on the Unix socket: " + r);
    }
  }
}
