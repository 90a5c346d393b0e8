package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.bridge.BridgeCodec;
import org.styleatlas.host.bridge.BridgeRequest;
import org.styleatlas.host.bridge.ProtocolException;

/**
 * Property-based fuzzing of the host's parsers (a seeded generator of random bytes, mutated valid
 * messages and hostile structures; Jazzer's native agent is not needed): the bridge codec must
 * either decode or refuse with a {@link ProtocolException}; the live bridge must answer every
 * framed message or close, and never log at ERROR; the HTTP API must answer every job request body
 * with a 4xx or 201, never a 500 or Java internals. Seconds per property: {@code
 * -Dstyleatlas.fuzz.seconds} (default {@value #SUITE_SECONDS}; longer runs are the benchmark in
 * docs/BENCHMARKS.md), seed: {@code -Dstyleatlas.fuzz.seed}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolFuzzTest {
  private static final double SUITE_SECONDS = 2;
  private static final double SECONDS =
      Double.parseDouble(
          System.getProperty("styleatlas.fuzz.seconds", Double.toString(SUITE_SECONDS)));
  private static final long SEED = Long.getLong("styleatlas.fuzz.seed", System.nanoTime() & 0xffff);

  private static final List<String> SEEDS =
      List.of(
          "{\"type\":\"hello\",\"id\":1,\"protocol\":1,\"client\":\"x\",\"token\":\"abc\"}",
          "{\"type\":\"status\",\"id\":2}",
          "{\"type\":\"frame\",\"id\":3,\"time\":0,\"image\":{\"width\":8,\"height\":4,\"shm\":\"/styleatlas-1-1\","
              + "\"offset\":0},\"params\":{\"prompt\":\"gold\",\"box\":[0,0,1,1],\"strength\":0.5}}",
          "{\"type\":\"render\",\"id\":4,\"time\":1.5,\"clipLength\":48,\"image\":{\"width\":8,\"height\":4,"
              + "\"inline\":true},\"output\":{\"inline\":true},\"payloadBytes\":512,\"params\":{\"prompt\":\"a\","
              + "\"outputMode\":\"composite\",\"matteSource\":\"alpha\",\"preset\":\"draft\",\"seed\":7}}");
  private static final List<String> HTTP_SEEDS =
      List.of(
          "{\"kind\":\"stylize\",\"priority\":\"batch\",\"source\":\"/tmp/none\",\"params\":{\"prompt\":\"gold\"}}",
          "{\"kind\":\"decompose\",\"clip\":\"" + "a".repeat(64) + "\"}",
          "null",
          "[]",
          "{}",
          "\"x\"",
          "1e999");
  private static final String TOKENS =
      "{}[]\":,0123456789.-+eE truefalsenull\\u00e9\"type\"\"id\"\"params\"";

  @TempDir static Path dir;
  EngineHost host;
  String token;
  ListAppender<ILoggingEvent> errors;

  @BeforeAll
  void start() throws IOException {
    host = TestHost.start(TestHost.config(dir, true), JobRunners.none());
    token = Files.readString(host.config().tcp().tokenFile()).trim();
    errors = new ListAppender<>();
    errors.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(errors);
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(errors);
    host.close();
  }

  /** One input: random bytes, random tokens, a mutated seed, or a deeply nested / huge value. */
  static byte[] input(SplittableRandom rnd, List<String> seeds) {
    switch (rnd.nextInt(5)) {
      case 0 -> {
        byte[] b = new byte[rnd.nextInt(300)];
        rnd.nextBytes(b);
        return b;
      }
      case 1 -> {
        StringBuilder s = new StringBuilder("{");
        for (int i = rnd.nextInt(80); i > 0; i--) {
          s.append(TOKENS.charAt(rnd.nextInt(TOKENS.length())));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
      }
      case 2 -> {
        int depth = 1 + rnd.nextInt(3000);
        return ("{\"type\":\"status\",\"id\":"
                + "[".repeat(depth)
                + "]".repeat(rnd.nextInt(depth + 1))
                + "}")
            .getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        byte[] b = seeds.get(rnd.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
        for (int m = 1 + rnd.nextInt(6); m > 0 && b.length > 0; m--) {
          int at = rnd.nextInt(b.length);
          switch (rnd.nextInt(4)) {
            case 0 -> b[at] = (byte) rnd.nextInt(256);
            case 1 -> b[at] = (byte) TOKENS.charAt(rnd.nextInt(TOKENS.length()));
            case 2 -> b = java.util.Arrays.copyOf(b, at);
            default -> {
              byte[] longer = new byte[b.length + 8];
              System.arraycopy(b, 0, longer, 0, at);
              System.arraycopy("99999999".getBytes(StandardCharsets.US_ASCII), 0, longer, at, 8);
              System.arraycopy(b, at, longer, at + 8, b.length - at);
              b = longer;
            }
          }
        }
        return b;
      }
    }
  }

  private static String show(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  @Test
  void theBridgeCodecDecodesOrRefusesEveryInput() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    long end = System.nanoTime() + (long) (SECONDS * 1e9);
    long tried = 0;
    long decoded = 0;
    while (System.nanoTime() < end) {
      byte[] in = input(rnd, SEEDS);
      tried++;
      try {
        BridgeRequest r = BridgeCodec.decode(Buffer.buffer(in));
        assertTrue(r != null, "decoded to null: " + show(in));
        decoded++;
      } catch (ProtocolException expected) {
        assertTrue(
            expected.getMessage() != null && !expected.getMessage().isBlank(),
            "a message for " + show(in));
      } catch (RuntimeException | StackOverflowError e) {
        fail("seed " + SEED + ": " + e + " for " + show(in), e);
      }
      BridgeCodec.idOf(Buffer.buffer(in));
    }
    System.out.printf(
        "bridge codec fuzz (seed %d): inputs tried %d (%d decoded) in %.1f s, crashes 0%n",
        SEED, tried, decoded, SECONDS);
  }

  @Test
  void theLiveBridgeAnswersOrClosesOnEveryFramedMessageAndNeverLogsAnError() throws Exception {
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    long end = System.nanoTime() + (long) (SECONDS * 1e9);
    long tried = 0;
    errors.list.clear();
    while (System.nanoTime() < end) {
      try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        ch.connect(UnixDomainSocketAddress.of(host.config().bridgeSocket()));
        byte[] in = input(rnd, SEEDS);
        ByteBuffer out =
            rnd.nextInt(10) == 0
                ? ByteBuffer.wrap(
                    in, 0, Math.min(in.length, rnd.nextInt(4))) // a bare, short length prefix
                : ByteBuffer.allocate(4 + in.length).putInt(in.length).put(in).flip();
        while (out.hasRemaining()) {
          ch.write(out);
        }
        if (out.limit() < 4 || rnd.nextBoolean()) {
          ch.shutdownOutput(); // the client goes away mid-message
        }
        ByteBuffer reply = ByteBuffer.allocate(64);
        long deadline = System.nanoTime() + 5_000_000_000L;
        int n = 0;
        ch.configureBlocking(false);
        while (System.nanoTime() < deadline && (n = ch.read(reply)) == 0 && out.limit() >= 4 + 1) {
          Thread.sleep(1);
        }
        assertTrue(
            n != 0 || out.limit() < 5,
            "seed " + SEED + ": no reply and no close within 5 s for " + show(in));
        tried++;
      }
    }
    try (ShimClient owner = ShimClient.unix(host.config().bridgeSocket())) {
      assertEquals(
          "status",
          owner.call("{\"type\":\"status\",\"id\":1}").path("type").asText(),
          "still serving");
    }
    List<ILoggingEvent> logged =
        errors.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
    assertEquals(
        List.of(), logged.stream().map(ILoggingEvent::getFormattedMessage).toList(), "ERROR logs");
    System.out.printf(
        "live bridge fuzz (seed %d): messages %d in %.1f s, crashes 0%n", SEED, tried, SECONDS);
  }

  /**
   * #19.8: a body {@code null} and an unknown field are refused with a message in the API's own
   * words.
   */
  @Test
  void aNullBodyAndAnUnknownFieldAreRefusedClearly() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI jobs = URI.create("http://127.0.0.1:" + host.httpTcpPort() + "/v1/jobs");
    for (String[] c :
        List.of(
            new String[] {"null", "must be a JSON object"},
            new String[] {
              "{\"kind\":\"stylize\",\"priorty\":\"batch\"}", "unknown field 'priorty'"
            },
            new String[] {"5", "must be a JSON object"})) {
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(jobs)
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(c[0]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, res.statusCode(), res.body());
      assertTrue(
          res.body().contains(c[1]) && !res.body().contains("Cannot invoke"),
          c[0] + " -> " + res.body());
    }
  }

  @Test
  void theHttpApiAnswersEveryJobRequestWithA4xxOr201AndNoInternals() throws Exception {
    SplittableRandom rnd = new SplittableRandom(SEED + 2);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI jobs = URI.create("http://127.0.0.1:" + host.httpTcpPort() + "/v1/jobs");
    long end = System.nanoTime() + (long) (SECONDS * 1e9);
    long tried = 0;
    while (System.nanoTime() < end) {
      byte[] in = input(rnd, HTTP_SEEDS);
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(jobs)
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(in))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      tried++;
      int s = res.statusCode();
      assertTrue(
          s == 201 || (s >= 400 && s < 500),
          "seed " + SEED + ": status " + s + " " + res.body() + " for " + show(in));
      assertTrue(
          !res.body().contains("java.")
              && !res.body().contains("Cannot invoke")
              && !res.body().contains("org.styleatlas"),
          "Java internals in " + res.body() + " for " + show(in));
    }
    System.out.printf(
        "HTTP API fuzz (seed %d): requests %d in %.1f s, crashes 0%n", SEED, tried, SECONDS);
  }
}
