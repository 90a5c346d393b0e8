package org.styleatlas.engine.maps;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Values computed once per key and kept in memory; least recently used values are dropped past a
 * byte bound. Concurrent callers of the same key wait for one computation; a computation that fails
 * is not kept. Thread-safe.
 */
final class Memo<K, V> {
  private static final class Slot<V> {
    final CompletableFuture<V> value = new CompletableFuture<>();
    long bytes;
  }

  private final long maxBytes;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, Slot<V>> slots = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  /**
   * @param maxBytes the bound; one value larger than it is still kept until another one is needed
   * @param weigher a value's size in bytes
   */
  Memo(long maxBytes, ToLongFunction<V> weigher) {
    this.maxBytes = maxBytes;
    this.weigher = weigher;
  }

  /** The value of {@code key}, computed by {@code compute} when not held. */
  V get(K key, Supplier<V> compute) {
    Slot<V> slot;
    boolean owner = false;
    synchronized (this) {
      slot = slots.get(key);
      if (slot == null) {
        slot = new Slot<>();
        slots.put(key, slot);
        owner = true;
      }
    }
    if (owner) {
      fill(key, slot, compute);
    }
    try {
      return slot.value.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void fill(K key, Slot<V> slot, Supplier<V> compute) {
    try {
      V v = compute.get();
      synchronized (this) {
        slot.bytes = weigher.applyAsLong(v);
        bytes += slot.bytes;
        trim(key);
      }
      slot.value.complete(v);
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        slots.remove(key, slot);
      }
      slot.value.completeExceptionally(e);
      throw e;
    }
  }

  /** Total bytes of the values held. */
  synchronized long bytes() {
    return bytes;
  }

  private void trim(K keep) {
    for (Iterator<Map.Entry<K, Slot<V>>> it = slots.entrySet().iterator();
        it.hasNext() && bytes > maxBytes; ) {
      Map.Entry<K, Slot<V>> e = it.next();
      if (!e.getKey().equals(keep) && e.getValue().value.isDone()) {
        bytes -= e.getValue().bytes;
        it.remove();
      }
    }
  }
}
