package org.styleatlas.engine.maps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.decomposition.DecompositionFiles;
import org.styleatlas.engine.decomposition.FrameMapSink;
import org.styleatlas.engine.decomposition.LayerMapWriter;
import org.styleatlas.engine.render.LayerMapFrames;

/**
 * A decomposition's frozen maps evaluated at one output size, kept in the content cache under kind
 * {@value #KIND}, keyed by the decomposition's cache key and the size. Each entry holds the decomposition
 * entry's file layout ({@link DecompositionFiles#UV_FOREGROUND} {@code [T, H, W, 2]},
 * {@link DecompositionFiles#UV_BACKGROUND} {@code [T, H, W, 2]}, {@link DecompositionFiles#ALPHA}
 * {@code [T, H, W, 1]}, float32, {@link Float32Files}), so a later render or stylization at that size reads
 * them instead of evaluating the networks again. The cache's SHA-256 manifest is checked on the first read
 * in a process: a corrupt entry is dropped and evaluated again.
 */
public final class ResolutionMapCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResolutionMapCache.class);

  /** The cache kind of per-resolution maps. */
  public static final String KIND = "layer-maps";

  private final ContentCache cache;
  private final AtomicInteger evaluations = new AtomicInteger();

  public ResolutionMapCache(ContentCache cache) {
    this.cache = cache;
  }

  /** The key of the maps of {@code decomposition} at {@code width x height}. */
  public static CacheKey key(CacheKey decomposition, int width, int height) {
    return new ContentHasher().putString("layer-maps-v1").putString(decomposition.kind())
        .putString(decomposition.hash()).putLong(width).putLong(height).key(KIND);
  }

  /** Evaluates a decomposition's maps at one size, handing them to a sink frame by frame, in order. */
  @FunctionalInterface
  public interface Evaluation {
    void run(FrameMapSink sink) throws IOException;
  }

  /**
   * The maps at {@code width x height}: computed by {@code evaluate} and streamed into a new cache entry
   * frame by frame when missing (so the evaluation holds about one frame's maps, not the clip's: 2.1 GB for
   * 50 frames at 1080p), then read from the cache frame by frame ({@link Float32Files#readLazily}): each
   * {@code get(t)} reads one frame's array from disk, so a render holds the frames it works on. An evaluation
   * that fails or hands over fewer than {@code frames} frames leaves no entry.
   *
   * @param decomposition the cache key of the decomposition whose networks {@code evaluate} runs
   * @param frames how many frames {@code evaluate} hands over (the clip's length)
   * @param evaluate evaluates the frozen networks on the {@code width x height} pixel grid
   */
  public LayerMapFrames get(CacheKey decomposition, int width, int height, int frames, Evaluation evaluate)
      throws IOException {
    CacheEntry entry = cache.getOrCreate(key(decomposition, width, height),
        dir -> store(LOG, dir, evaluate, frames, evaluations, "the decomposition's maps", width, height));
    LOG.debug("maps at {}x{} read frame by frame from the cache entry {}", width, height, entry.key());
    return new LayerMapFrames(width, height, Float32Files.readLazily(entry.file(DecompositionFiles.UV_FOREGROUND)),
        Float32Files.readLazily(entry.file(DecompositionFiles.UV_BACKGROUND)),
        Float32Files.readLazily(entry.file(DecompositionFiles.ALPHA)));
  }

  /**
   * Runs {@code evaluate}, writing its frames into a cache entry's folder in the decomposition entry's file
   * layout as they arrive ({@link LayerMapWriter}), counting it in {@code evaluations} and logging its time
   * (shared with {@link FrameMapCache}).
   *
   * @param log the caller's logger
   * @param what what is evaluated, for the log
   */
  static void store(Logger log, Path dir, Evaluation evaluate, int frames, AtomicInteger evaluations, String what,
      int width, int height) throws IOException {
    log.info("evaluating {} at {}x{} (cached for later runs)", what, width, height);
    long start = System.nanoTime();
    try (LayerMapWriter out = LayerMapWriter.open(dir, frames, width, height)) {
      evaluate.run(out);
      out.commit();
    }
    evaluations.incrementAndGet();
    log.info("evaluated {} ({} frames) at {}x{} in {} s", what, frames, width, height,
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
  }

  /** How many times this instance evaluated the networks (cache misses), for tests and logs. */
  public int evaluations() {
    return evaluations.get();
  }
}
