package org.styleatlas.host.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.styleatlas.host.bridge.ProtocolException;

/**
 * The host keeps a segment mapped between the requests that name it (the shim reuses answered
 * segments), but never for another segment under the same name, never for two requests at once, and
 * not for long once idle or gone.
 */
class MappedSegmentsTest {
  private static final long SIZE = 1 << 16;
  private final String name =
      "/styleatlas-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final MappedSegments mapped = new MappedSegments(now::get);

  @AfterEach
  void unlink() {
    mapped.closeIdle();
    SharedSegment.unlink(name);
  }

  private static void put(SharedSegment s, int value) {
    s.slice("test", 0, 4).putInt(0, value);
  }

  private static int get(SharedSegment s) {
    return s.slice("test", 0, 4).getInt(0);
  }

  @Test
  void theSameSegmentStaysMappedAndAnotherUnderItsNameIsMappedAnew() {
    try (SharedSegment creator = SharedSegment.create(name, SIZE)) {
      put(creator, 7);
      SharedSegment first;
      try (MappedSegments.Lease a = mapped.acquire(name)) {
        first = a.segment();
        assertEquals(7, get(first));
      }
      put(creator, 8);
      try (MappedSegments.Lease b = mapped.acquire(name)) {
        assertSame(first, b.segment(), "the idle mapping is lent again");
        assertEquals(8, get(b.segment()), "and shows what the creator wrote since");
      }
    }
    SharedSegment.unlink(name); // the creator drops the name and makes a new segment under it
    try (SharedSegment again = SharedSegment.create(name, SIZE)) {
      put(again, 9);
      try (MappedSegments.Lease c = mapped.acquire(name)) {
        assertEquals(9, get(c.segment()), "a new segment under the same name is mapped anew");
      }
      assertEquals(1, mapped.kept());
    }
  }

  @Test
  void aSegmentInUseIsNotLentTwiceAndIdleOnesGoAfterTheirTime() {
    try (SharedSegment creator = SharedSegment.create(name, SIZE)) {
      try (MappedSegments.Lease a = mapped.acquire(name);
          MappedSegments.Lease b = mapped.acquire(name)) {
        assertNotSame(a.segment(), b.segment(), "a second request at once gets its own mapping");
        put(a.segment(), 5);
        assertEquals(5, get(b.segment()));
      }
      assertEquals(1, mapped.kept());
      mapped.evictIdle();
      assertEquals(1, mapped.kept(), "recently used: kept");
      now.addAndGet(MappedSegments.IDLE_MS);
      mapped.evictIdle();
      assertEquals(0, mapped.kept(), "idle too long: unmapped");
      try (MappedSegments.Lease c = mapped.acquire(name)) {
        SharedSegment.unlink(name);
      }
      mapped.evictIdle();
      assertEquals(0, mapped.kept(), "a segment whose name is gone is unmapped at once");
    }
  }

  @Test
  void badNamesAndMissingSegmentsAreRefusedAsBeforeAndNothingIsKept() {
    assertThrows(ProtocolException.class, () -> mapped.acquire("/etc/passwd"));
    assertThrows(ProtocolException.class, () -> mapped.acquire(name)); // not created
    assertEquals(0, mapped.kept());
  }
}
