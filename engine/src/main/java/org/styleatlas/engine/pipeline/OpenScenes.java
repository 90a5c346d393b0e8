package org.styleatlas.engine.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.StylizedAtlasCache;
import org.styleatlas.engine.stylize.scene.DecompositionScene;

/**
 * Decompositions opened for rendering (networks loaded, atlases and working frames in memory), at
 * most {@code capacity} of them; the least recently used one is closed once no render holds it.
 * Each keeps the atlas sets of the last few stylizations rendered on it. Thread-safe: renders
 * {@link #acquire} a lease and close it when done.
 */
final class OpenScenes {
  private static final int ATLAS_SETS_PER_SCENE = 4;

  /**
   * A scene in use by one render; closing it lets the scene be closed when it was evicted
   * meanwhile.
   */
  final class Lease implements AutoCloseable {
    private final Opened opened;

    private Lease(Opened opened) {
      this.opened = opened;
    }

    DecompositionScene scene() {
      return opened.scene;
    }

    /** The scene's atlases with the stylized ones of entry {@code stylized} in place. */
    AtlasSet atlases(CacheEntry stylized) {
      synchronized (opened) {
        return opened.atlases.computeIfAbsent(
            stylized.dir(),
            dir -> {
              try {
                return StylizedAtlasCache.read(stylized, opened.scene)
                    .applyTo(opened.scene.atlases());
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "cannot read stylized atlas " + stylized.key() + ": " + e.getMessage(), e);
              }
            });
      }
    }

    @Override
    public void close() {
      release(opened);
    }
  }

  private static final class Opened {
    final DecompositionScene scene;
    final Map<Path, AtlasSet> atlases =
        new LinkedHashMap<>(8, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Path, AtlasSet> eldest) {
            return size() > ATLAS_SETS_PER_SCENE;
          }
        };
    int leases;
    boolean evicted;

    Opened(DecompositionScene scene) {
      this.scene = scene;
    }
  }

  private final DecompositionConfig config;
  private final int capacity;
  private final MapStore maps;
  private final LinkedHashMap<Path, Opened> open = new LinkedHashMap<>(8, 0.75f, true);

  /**
   * @param config the decomposition settings the entries were made with
   * @param capacity how many decompositions stay open, ≥ 1
   * @param maps where every open scene's maps at output sizes come from
   */
  OpenScenes(DecompositionConfig config, int capacity, MapStore maps) {
    this.config = config;
    this.maps = maps;
    this.capacity = capacity;
  }

  /** The open scene of decomposition entry {@code entry}, opening it if needed. */
  synchronized Lease acquire(CacheEntry entry) throws IOException {
    Opened o = open.get(entry.dir());
    if (o == null) {
      o = new Opened(DecompositionEntry.open(entry, config, ProgressSink.NONE, Optional.of(maps)));
      open.put(entry.dir(), o);
      evictBeyondCapacity();
    }
    o.leases++;
    return new Lease(o);
  }

  private void evictBeyondCapacity() {
    for (Iterator<Opened> it = open.values().iterator(); it.hasNext() && open.size() > capacity; ) {
      Opened o = it.next();
      it.remove();
      o.evicted = true;
      if (o.leases == 0) {
        o.scene.close();
      }
    }
  }

  private synchronized void release(Opened o) {
    o.leases--;
    if (o.evicted && o.leases == 0) {
      o.scene.close();
    }
  }
}
