package org.styleatlas.engine.pipeline;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.styleatlas.engine.decomposition.ClipLayerMaps;

/**
 * Maps of a decomposition at one output size, per frame (or, under {@link #ALL_FRAMES}, the whole clip at
 * once where reading all is as cheap as reading one), kept in memory so each (decomposition, size, frame)
 * is read or evaluated from the frozen networks once; least recently used entries are dropped past a byte
 * bound. Concurrent callers of the same key wait for one evaluation. Thread-safe.
 */
final class LayerMapCache {
  /** Bytes per pixel and frame: uv_f (2), uv_b (2) and α (1) float32 values. */
  private static final long BYTES_PER_PIXEL = 5L * Float.BYTES;

  /** The frame index under which a whole clip's maps are kept. */
  static final int ALL_FRAMES = -1;

  private record Key(Path decomposition, int width, int height, int frame) {}

  private static final class Slot {
    final CompletableFuture<ClipLayerMaps> maps = new CompletableFuture<>();
    long bytes;
  }

  private final long maxBytes;
  private final LinkedHashMap<Key, Slot> slots = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  /** @param maxBytes the bound; one entry larger than it is still kept until another one is needed */
  LayerMapCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The maps of the decomposition in folder {@code decomposition} at {@code width x height}.
   *
   * @param frame the frame they hold, or {@link #ALL_FRAMES}
   * @param evaluate computes them when they are not cached
   */
  ClipLayerMaps get(Path decomposition, int width, int height, int frame, Supplier<ClipLayerMaps> evaluate) {
    Key key = new Key(decomposition, width, height, frame);
    Slot slot;
    boolean owner = false;
    synchronized (this) {
      slot = slots.get(key);
      if (slot == null) {
        slot = new Slot();
        slots.put(key, slot);
        owner = true;
      }
    }
    if (owner) {
      compute(key, slot, evaluate);
    }
    try {
      return slot.maps.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void compute(Key key, Slot slot, Supplier<ClipLayerMaps> evaluate) {
    try {
      ClipLayerMaps m = evaluate.get();
      synchronized (this) {
        slot.bytes = BYTES_PER_PIXEL * m.width() * m.height() * m.frames();
        bytes += slot.bytes;
        trim(key);
      }
      slot.maps.complete(m);
    } catch (RuntimeException e) {
      synchronized (this) {
        slots.remove(key, slot);
      }
      slot.maps.completeExceptionally(e);
    }
  }

  /** Total bytes of the cached maps. */
  synchronized long bytes() {
    return bytes;
  }

  private void trim(Key keep) {
    for (Iterator<Map.Entry<Key, Slot>> it = slots.entrySet().iterator(); it.hasNext() && bytes > maxBytes; ) {
      Map.Entry<Key, Slot> e = it.next();
      if (!e.getKey().equals(keep) && e.getValue().maps.isDone()) {
        bytes -= e.getValue().bytes;
        it.remove();
      }
    }
  }
}
