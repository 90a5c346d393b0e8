package org.styleatlas.engine.studio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;

/**
 * Clip records as the render path reads them: each read from the {@link ClipStore} once and then
 * kept, for the {@value #HELD} clips used last. A record never changes under its id (the id is the
 * hash of its frames), so a kept record stays true; a clip not in the store is asked for again next
 * time. Thread-safe.
 */
final class ClipRecords {
  /** How many clip records are kept (each is a list of frame hashes: a few KB). */
  static final int HELD = 64;

  private final ClipStore store;
  private final AtomicInteger reads = new AtomicInteger();
  private final Map<String, ClipRecord> held =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClipRecord> eldest) {
          return size() > HELD;
        }
      };

  ClipRecords(ClipStore store) {
    this.store = store;
  }

  /** The record of clip {@code id}, or empty when the store has none. */
  Optional<ClipRecord> get(String id) {
    synchronized (held) {
      ClipRecord r = held.get(id);
      if (r != null) {
        return Optional.of(r);
      }
    }
    reads.incrementAndGet();
    Optional<ClipRecord> read = store.clip(id);
    read.ifPresent(
        r -> {
          synchronized (held) {
            held.put(id, r);
          }
        });
    return read;
  }

  /** How many times a record was read from the store. */
  int reads() {
    return reads.get();
  }
}
