package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.http.EventStreams;
import org.styleatlas.host.status.StatusPage;

/**
 * #19.3: the status page's event stream outlives the HTTP idle timeout while no job changes,
 * because the host sends a keep-alive comment every third of it (here the timeout is 1 s, the
 * production default is 300 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamKeepAliveTest {
  private static final long IDLE_TIMEOUT_MS = 1000;

  @TempDir static Path dir;
  EngineHost host;

  @BeforeAll
  void start() {
    host =
        TestHost.start(
            TestHost.config(
                dir,
                false,
                Map.of("http.idleTimeoutSeconds", Long.toString(IDLE_TIMEOUT_MS / 1000))),
            JobRunners.none());
  }

  @AfterAll
  void stop() {
    host.close();
  }

  @Test
  void anIdleStatusStreamStaysOpenPastTheIdleTimeout() throws Exception {
    URI link =
        URI.create(
            host.vertx()
                .eventBus()
                .<String>request(StatusPage.OPEN, "")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .body());
    HttpResponse<Void> opened =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.discarding());
    assertEquals(303, opened.statusCode(), "the one-time link becomes a session");
    String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

    try (SocketChannel ch =
        SocketChannel.open(new InetSocketAddress(link.getHost(), link.getPort()))) {
      ch.write(
          ByteBuffer.wrap(
              ("GET /v1/status/events HTTP/1.1\r\nHost: "
                      + link.getHost()
                      + "\r\nCookie: "
                      + cookie
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII)));
      String stream = readFor(ch, 4 * IDLE_TIMEOUT_MS);
      assertTrue(stream.startsWith("HTTP/1.1 200"), stream);
      assertTrue(stream.contains("text/event-stream"), stream);
      assertTrue(
          !stream.endsWith(CLOSED),
          "the stream was closed within 4x the idle timeout although it was open: " + stream);
      int comments = stream.split(EventStreams.KEEP_ALIVE.trim(), -1).length - 1;
      assertTrue(comments >= 3, comments + " keep-alive comments in 4 idle timeouts: " + stream);
    }
  }

  private static final String CLOSED = "<closed>";

  /** Everything the server sends for {@code millis}, with {@link #CLOSED} if it closes. */
  private static String readFor(SocketChannel ch, long millis) throws IOException {
    ch.configureBlocking(false);
    StringBuilder got = new StringBuilder();
    ByteBuffer b = ByteBuffer.allocate(4096);
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      b.clear();
      int n;
      try {
        n = ch.read(b);
      } catch (IOException reset) {
        n = -1;
      }
      if (n < 0) {
        return got.append(CLOSED).toString();
      }
      got.append(new String(b.array(), 0, n, StandardCharsets.US_ASCII));
      if (n == 0) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return got.toString();
  }
}
