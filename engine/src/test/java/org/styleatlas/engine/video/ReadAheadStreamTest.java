package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadAheadStream}: order kept, at most window + 2 frames alive, failures on either side
 * stop both.
 */
class ReadAheadStreamTest {
  private static final int WINDOW = 2;
  private static final int FRAMES = 40;

  @Test
  void framesArriveInOrderWithABoundedNumberInFlight() throws IOException {
    AtomicInteger produced = new AtomicInteger();
    AtomicInteger consumed = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    FrameStream source =
        sink -> {
          for (int t = 0; t < FRAMES; t++) {
            produced.incrementAndGet();
            sink.accept(numbered(t));
          }
        };
    List<Integer> seen = new ArrayList<>();
    new ReadAheadStream(source, WINDOW)
        .forEach(
            f -> {
              maxInFlight.accumulateAndGet(produced.get() - consumed.get(), Math::max);
              seen.add((int) f.pixels()[0]);
              sleep(2);
              consumed.incrementAndGet();
            });
    assertEquals(FRAMES, seen.size());
    for (int t = 0; t < FRAMES; t++) {
      assertEquals(t, seen.get(t), "frame order");
    }
    assertTrue(maxInFlight.get() <= WINDOW + 2, "frames alive at once: " + maxInFlight.get());
    assertTrue(
        maxInFlight.get() >= 2, "the producer runs ahead of a slow consumer: " + maxInFlight.get());
  }

  @Test
  void aFailingConsumerStopsTheProducer() {
    AtomicInteger produced = new AtomicInteger();
    FrameStream endless =
        sink -> {
          for (int t = 0; ; t++) {
            produced.incrementAndGet();
            sink.accept(numbered(t));
          }
        };
    IOException full = new IOException("disk full");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                new ReadAheadStream(endless, WINDOW)
                    .forEach(
                        f -> {
                          if (f.pixels()[0] == 3) {
                            throw full;
                          }
                        }));
    assertSame(full, e);
    int stoppedAt = produced.get();
    sleep(20);
    assertEquals(stoppedAt, produced.get(), "the producer has ended");
    assertTrue(stoppedAt <= 4 + WINDOW + 1, "produced " + stoppedAt);
  }

  @Test
  void aFailingProducerIsThrownAfterTheFramesBeforeIt() {
    List<Integer> seen = new ArrayList<>();
    FrameStream failing =
        sink -> {
          for (int t = 0; t < 5; t++) {
            sink.accept(numbered(t));
          }
          throw new IllegalStateException("map file truncated");
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new ReadAheadStream(failing, WINDOW).forEach(f -> seen.add((int) f.pixels()[0])));
    assertEquals("map file truncated", e.getMessage());
    assertEquals(List.of(0, 1, 2, 3, 4), seen);
  }

  private static Frame numbered(int t) {
    Frame f = Frame.blank(2, 2, 3);
    f.pixels()[0] = t;
    return f;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
