package org.styleatlas.engine.maps;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.decomposition.ClipLayerMaps;
import org.styleatlas.engine.decomposition.DecompositionFiles;

/**
 * One frame's frozen maps evaluated at one output size, kept in the content cache under kind
 * {@value #KIND}, keyed by the decomposition's cache key, the size and the frame: the per-frame variant of
 * {@link ResolutionMapCache} for the host, which renders the frames an editor asks for, one at a time. An
 * entry holds the same files as a {@link ResolutionMapCache} entry with {@code T = 1}
 * ({@link DecompositionFiles#UV_FOREGROUND} {@code [1, H, W, 2]}, {@link DecompositionFiles#UV_BACKGROUND}
 * {@code [1, H, W, 2]}, {@link DecompositionFiles#ALPHA} {@code [1, H, W, 1]}, float32, {@link Float32Files}),
 * about 20 bytes a pixel (41 MB at 1080p). Entries count toward the cache's size bound like any other. The
 * cache's SHA-256 manifest is checked on the first read in a process: a corrupt entry is dropped (with a
 * WARN) and evaluated again. Thread-safe.
 */
public final class FrameMapCache {
  private static final Logger LOG = LoggerFactory.getLogger(FrameMapCache.class);

  /** The cache kind of per-frame maps. */
  public static final String KIND = "frame-maps";

  private final ContentCache cache;
  private final AtomicInteger evaluations = new AtomicInteger();

  public FrameMapCache(ContentCache cache) {
    this.cache = cache;
  }

  /** The key of frame {@code frame}'s maps of {@code decomposition} at {@code width x height}. */
  public static CacheKey key(CacheKey decomposition, int width, int height, int frame) {
    return new ContentHasher().putString("frame-maps-v1").putString(decomposition.kind())
        .putString(decomposition.hash()).putLong(width).putLong(height).putLong(frame).key(KIND);
  }

  /**
   * Frame {@code frame}'s maps at {@code width x height} ({@link ClipLayerMaps#frames()} {@code == 1}), read
   * from the cache, or computed by {@code evaluate} and stored first.
   *
   * @param decomposition the cache key of the decomposition whose networks {@code evaluate} runs
   * @param evaluate evaluates the frozen networks for that one frame on the {@code width x height} grid
   */
  public ClipLayerMaps get(CacheKey decomposition, int width, int height, int frame, Supplier<ClipLayerMaps> evaluate)
      throws IOException {
    CacheEntry entry = cache.getOrCreate(key(decomposition, width, height, frame),
        dir -> ResolutionMapCache.store(LOG, dir, sink -> evaluate.get().forEachFrame(frame, sink), 1, evaluations,
            "frame " + frame + "'s maps", width, height));
    return new ClipLayerMaps(width, height, Float32Files.read(entry.file(DecompositionFiles.UV_FOREGROUND)),
        Float32Files.read(entry.file(DecompositionFiles.UV_BACKGROUND)),
        Float32Files.read(entry.file(DecompositionFiles.ALPHA)), List.of());
  }

  /** How many times this instance evaluated the networks (cache misses), for tests and logs. */
  public int evaluations() {
    return evaluations.get();
  }
}
