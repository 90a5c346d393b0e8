package org.styleatlas.host.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The shared-memory segments the host keeps mapped between requests. The shim reuses a segment its
 * engine answered for its next request of the same size (docs/PROTOCOL.md, "Shared memory"), so the
 * host maps it once instead of mapping and unmapping it on every request (at 1080p 74 MB, 18,000
 * pages, each time). A mapping is reused only for the same name, inode and size (a name the shim
 * unlinked and created again is another segment) and only by one request at a time; an idle mapping
 * is unmapped after {@value #IDLE_MS} ms, when its name is gone or names another segment, or when
 * more than {@value #MAX_IDLE} are idle. A mapping a request holds is never unmapped. Thread-safe.
 */
public final class MappedSegments {
  /** Idle mappings kept at most. */
  static final int MAX_IDLE = 4;

  /** An idle mapping is unmapped after this long. */
  static final long IDLE_MS = 30_000;

  private static final Path SHM_DIR = Path.of("/dev/shm");

  /** What tells one segment from another of the same name: its inode and its size. */
  private record Identity(long inode, long size) {}

  private static final class Entry {
    final SharedSegment segment;
    final Identity identity;
    boolean inUse;
    long idleSinceMs;

    Entry(SharedSegment segment, Identity identity) {
      this.segment = segment;
      this.identity = identity;
    }
  }

  /** A mapped segment lent to one request; closing gives it back. */
  public final class Lease implements AutoCloseable {
    private final Entry entry;
    private final boolean kept;
    private boolean closed;

    private Lease(Entry entry, boolean kept) {
      this.entry = entry;
      this.kept = kept;
    }

    public SharedSegment segment() {
      return entry.segment;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (kept) {
        release(entry);
      } else {
        entry.segment.close();
      }
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final LongSupplier clock;

  public MappedSegments() {
    this(System::currentTimeMillis);
  }

  /**
   * @param clock milliseconds, for the idle bound (tests)
   */
  MappedSegments(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * The segment of this name mapped for one request: the kept mapping when it is the same segment
   * and idle, else a new mapping (kept for later unless another request holds the name).
   *
   * @throws org.styleatlas.host.bridge.ProtocolException (bad-segment) for a bad name or a segment
   *     that cannot be mapped
   */
  public Lease acquire(String name) {
    Identity id = identity(name);
    List<SharedSegment> unmap = new ArrayList<>();
    try {
      synchronized (this) {
        Entry e = entries.get(name);
        if (e != null && !e.inUse && e.identity.equals(id)) {
          e.inUse = true;
          return new Lease(e, true);
        }
        if (e != null && e.inUse) { // the shim sent one segment in two requests at once
          return new Lease(new Entry(SharedSegment.open(name), id), false);
        }
        if (e != null) {
          entries.remove(name);
          unmap.add(e.segment);
        }
      }
      SharedSegment fresh = SharedSegment.open(name);
      Entry e = new Entry(fresh, id);
      e.inUse = true;
      synchronized (this) {
        if (id == null || entries.containsKey(name)) {
          return new Lease(e, false);
        }
        entries.put(name, e);
        return new Lease(e, true);
      }
    } finally {
      unmap.forEach(SharedSegment::close);
    }
  }

  private void release(Entry e) {
    List<SharedSegment> unmap;
    synchronized (this) {
      e.inUse = false;
      e.idleSinceMs = clock.getAsLong();
      unmap = evict(false);
    }
    unmap.forEach(SharedSegment::close);
  }

  /**
   * Unmaps the idle mappings that are too old, whose name is gone or names another segment, and the
   * oldest beyond {@value #MAX_IDLE} idle ones (run periodically by the bridge).
   */
  public void evictIdle() {
    List<SharedSegment> unmap;
    synchronized (this) {
      unmap = evict(true);
    }
    unmap.forEach(SharedSegment::close);
  }

  /** Unmaps every idle mapping (shutdown). */
  public void closeIdle() {
    List<SharedSegment> unmap = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (!e.inUse) {
          unmap.add(e.segment);
          it.remove();
        }
      }
    }
    unmap.forEach(SharedSegment::close);
  }

  /** How many mappings are kept (idle or in use). */
  public synchronized int kept() {
    return entries.size();
  }

  /** Called with the lock held; returns the segments to unmap outside it. */
  private List<SharedSegment> evict(boolean checkNames) {
    List<SharedSegment> unmap = new ArrayList<>();
    long now = clock.getAsLong();
    int idle = 0;
    for (Entry e : entries.values()) {
      if (!e.inUse) {
        idle++;
      }
    }
    for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> me = it.next();
      Entry e = me.getValue();
      if (e.inUse) {
        continue;
      }
      boolean stale =
          now - e.idleSinceMs >= IDLE_MS
              || idle > MAX_IDLE
              || checkNames && !e.identity.equals(identity(me.getKey()));
      if (stale) {
        unmap.add(e.segment);
        it.remove();
        idle--;
      }
    }
    return unmap;
  }

  /** The inode and size of the segment now under this name, or null when it cannot be read. */
  private static Identity identity(String name) {
    if (name == null || !SharedSegment.NAME.matcher(name).matches()) {
      return null; // SharedSegment.open refuses it with the protocol's message
    }
    Path file = SHM_DIR.resolve(name.substring(1));
    try {
      return new Identity((Long) Files.getAttribute(file, "unix:ino"), Files.size(file));
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
