package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * 32 concurrent renders over the Unix socket and shared memory, and no event-loop handler blocking.
 */
class ConcurrentRenderTest extends HostTestBase {
  static final int N = 32;
  static final int W = 64;
  static final int H = 48;

  /** Renders frame {@code t % frames} from each of N threads at once; checks every output plane. */
  private Set<String> renderConcurrently(int frames, int clipLength) throws Exception {
    Set<String> stages = ConcurrentHashMap.newKeySet();
    CyclicBarrier start = new CyclicBarrier(N);
    ExecutorService pool = Executors.newFixedThreadPool(N);
    try {
      List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
      for (int i = 0; i < N; i++) {
        int t = i % frames;
        all.add(
            pool.submit(
                () -> {
                  float[] src = TestFrames.rgba(W, H, t);
                  try (ShimClient c = ShimClient.unix(host.config().bridgeSocket());
                      ShmRequest shm = new ShmRequest(W, H, src)) {
                    start.await(10, TimeUnit.SECONDS);
                    JsonNode r = c.call(shm.render(t, t, clipLength, BridgeRoundTripTest.PROMPT));
                    assertEquals("pending", r.path("status").asText(), r.toString());
                    assertEquals(t, r.path("id").asInt());
                    assertArrayEquals(
                        src, shm.outputPixels(), "frame " + t + " got the source frame back");
                    stages.add(r.path("stage").asText());
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : all) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return stages;
  }

  @Test
  void thirtyTwoConcurrentRendersWithoutBlockingTheEventLoop(Vertx vertx, VertxTestContext ctx)
      throws Throwable {
    host = TestHost.start(TestHost.config(dir, false), JobRunners.none());
    try (ShimClient c = ShimClient.unix(host.config().bridgeSocket())) {
      c.call("{\"type\":\"status\",\"id\":1}"); // warm the connection path
    }
    ListAppender<ILoggingEvent> blocked = TestHost.captureBlockedThreadWarnings();

    Set<String> first = renderConcurrently(N, N);
    assertTrue(first.contains("collecting"), "first pass collects: " + first);
    Set<String> same = renderConcurrently(1, 0);
    assertEquals(Set.of("decomposing"), same, "32 renders of one known frame");
    Set<String> second = renderConcurrently(N, N);
    assertEquals(Set.of("decomposing"), second, "second pass: the clip is known");

    assertFalse(
        blocked.list.stream().anyMatch(e -> e.getFormattedMessage().contains("vert.x-eventloop")),
        "an event-loop handler blocked longer than "
            + TestHost.MAX_EVENT_LOOP_MS
            + " ms: "
            + blocked.list);
    TestHost.stopCapturing(blocked);
    ctx.completeNow();
  }

  @Test
  void theBlockedThreadCheckCatchesABlockingHandler(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    ListAppender<ILoggingEvent> blocked = TestHost.captureBlockedThreadWarnings();
    Vertx checked = Vertx.vertx(TestHost.options());
    java.util.concurrent.CountDownLatch spun = new java.util.concurrent.CountDownLatch(1);
    try {
      checked.runOnContext(
          v -> {
            long end =
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5 * TestHost.MAX_EVENT_LOOP_MS);
            while (System.nanoTime() < end) {
              Thread.onSpinWait();
            }
            spun.countDown();
          });
      assertTrue(spun.await(20, TimeUnit.SECONDS), "the blocking handler finished");
      long deadline = System.currentTimeMillis() + 10_000;
      while (blocked.list.stream()
              .noneMatch(e -> e.getFormattedMessage().contains("vert.x-eventloop"))
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      ctx.verify(
          () ->
              assertTrue(
                  blocked.list.stream()
                      .anyMatch(e -> e.getFormattedMessage().contains("vert.x-eventloop")),
                  "the checker must report a handler that spins for "
                      + 5 * TestHost.MAX_EVENT_LOOP_MS
                      + " ms"));
      ctx.completeNow();
    } finally {
      checked.close().await(10, TimeUnit.SECONDS);
      TestHost.stopCapturing(blocked);
    }
  }
}
