package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * #19.3: clients without the token cannot make a TCP-enabled host unreachable. Unauthenticated
 * bridge connections are capped and closed when they do not authenticate in time; a header before
 * hello is small; HTTP connections are capped on TCP and closed when idle; meanwhile the owner's
 * Unix sockets answer and an authenticated client gets through as soon as places are free.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionBoundsTest {
  private static final int MAX_TCP = 8;
  private static final int MAX_UNAUTHENTICATED = 4;
  private static final int ATTACKERS = 24;

  @TempDir static Path dir;
  EngineHost host;
  String token;

  @BeforeAll
  void start() throws IOException {
    host =
        TestHost.start(
            TestHost.config(
                dir,
                true,
                Map.of(
                    "tcp.maxConnections",
                    Integer.toString(MAX_TCP),
                    "tcp.maxUnauthenticated",
                    Integer.toString(MAX_UNAUTHENTICATED),
                    "tcp.authTimeoutSeconds",
                    "1",
                    "http.idleTimeoutSeconds",
                    "1")),
            JobRunners.none());
    token = Files.readString(host.config().tcp().tokenFile()).trim();
  }

  @AfterAll
  void stop() {
    host.close();
  }

  /**
   * Opens a TCP connection that sends half a hello (its length and a few bytes) and then nothing.
   */
  private static SocketChannel halfHello(int port) throws IOException {
    SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
    ch.write(
        ByteBuffer.allocate(8).putInt(200).put("{\"ty".getBytes(StandardCharsets.US_ASCII)).flip());
    return ch;
  }

  /**
   * Whether the server has closed {@code ch} within {@code millis} (reads end of stream or a
   * reset).
   */
  private static boolean closedWithin(SocketChannel ch, long millis) throws IOException {
    ch.configureBlocking(false);
    long end = System.currentTimeMillis() + millis;
    ByteBuffer b = ByteBuffer.allocate(256);
    while (System.currentTimeMillis() < end) {
      try {
        b.clear();
        if (ch.read(b) < 0) {
          return true;
        }
      } catch (IOException reset) {
        return true;
      }
      sleep(20);
    }
    return false;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void halfHellosAreCappedAndTimedOutWhileTheUnixSocketAnswers() throws Exception {
    List<SocketChannel> attackers = new ArrayList<>();
    try {
      for (int i = 0; i < ATTACKERS; i++) {
        attackers.add(halfHello(host.bridgeTcpPort()));
      }
      sleep(300);
      int closedAtOnce = 0;
      for (SocketChannel a : attackers) {
        closedAtOnce += closedWithin(a, 10) ? 1 : 0;
      }
      assertEquals(
          ATTACKERS - MAX_UNAUTHENTICATED,
          closedAtOnce,
          "connections beyond the unauthenticated cap");
      try (ShimClient owner = ShimClient.unix(host.config().bridgeSocket())) {
        assertEquals(
            "status",
            owner.call("{\"type\":\"status\",\"id\":1}").path("type").asText(),
            "the owner's Unix socket answers while the TCP places are taken");
      }
      for (SocketChannel a : attackers) {
        assertTrue(closedWithin(a, 3000), "closed after the 1 s authentication timeout");
      }
      try (ShimClient c = ShimClient.tcp(host.bridgeTcpPort())) {
        JsonNode r =
            c.call("{\"type\":\"hello\",\"id\":1,\"protocol\":1,\"token\":\"" + token + "\"}");
        assertEquals(
            "hello",
            r.path("type").asText(),
            "a client with the token gets in once places are free: " + r);
      }
    } finally {
      for (SocketChannel a : attackers) {
        a.close();
      }
    }
  }

  @Test
  void aLargeHeaderBeforeHelloIsRefused() throws Exception {
    try (ShimClient c = ShimClient.tcp(host.bridgeTcpPort())) {
      JsonNode r = c.raw(ByteBuffer.allocate(4).putInt(60_000).array());
      assertEquals("unauthorized", r.path("code").asText(), r.toString());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void httpConnectionsAreCappedOnTcpAndClosedWhenIdle() throws Exception {
    List<SocketChannel> idle = new ArrayList<>();
    try {
      for (int i = 0; i < ATTACKERS; i++) {
        idle.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", host.httpTcpPort())));
      }
      sleep(300);
      int closedAtOnce = 0;
      for (SocketChannel a : idle) {
        closedAtOnce += closedWithin(a, 10) ? 1 : 0;
      }
      assertTrue(
          closedAtOnce >= ATTACKERS - MAX_TCP,
          "connections beyond the cap closed at once: " + closedAtOnce);
      assertTrue(healthOnUnix().contains("\"status\":\"ok\""), "the Unix HTTP socket answers");
      for (SocketChannel a : idle) {
        assertTrue(
            closedWithin(a, 3000), "an idle HTTP connection is closed after the 1 s idle timeout");
      }
    } finally {
      for (SocketChannel a : idle) {
        a.close();
      }
    }
  }

  /**
   * GET /v1/health over the HTTP Unix socket, by hand (HTTP/1.0, so the server closes after the
   * reply).
   */
  private String healthOnUnix() throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(host.config().httpSocket()));
      ch.write(
          ByteBuffer.wrap(
              "GET /v1/health HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer b = ByteBuffer.allocate(8192);
      long end = System.currentTimeMillis() + 5000;
      while (System.currentTimeMillis() < end && ch.read(b) >= 0) {
        if (new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).contains("}")) {
          break;
        }
      }
      return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }
  }
}
