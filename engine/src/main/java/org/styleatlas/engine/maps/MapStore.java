package org.styleatlas.engine.maps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.render.FrameLayerMaps;

/**
 * The one store of a decomposition's maps at output sizes, for the CLI's renders and stylizations and the
 * host's frame requests alike. The frozen networks are not run at every output pixel: a frame's maps at
 * {@code w x h} are its working-size maps resampled ({@link MapResampler}) with the networks' own values put
 * in at the few pixels near the opacity's edges and the mappings' seams. Those values are what the store
 * keeps: one content-cache entry per clip and size (kind {@value #KIND}, file {@value #EXACT}, a
 * {@link Float32Files} list of one {@code [n_t, 5]} array per frame), evaluated for the whole clip on the
 * first request at that size, so the entry grows with the clip's edges, not with frames × pixels (a 1080p
 * frame's full maps are 41 MB). Later requests at that size, in this process or after a restart, read the
 * entry and never touch the networks. Resampled frames are also kept in memory up to a byte bound.
 * Thread-safe.
 */
public final class MapStore {
  private static final Logger LOG = LoggerFactory.getLogger(MapStore.class);

  /** The cache kind of the exact values at one output size. */
  public static final String KIND = "size-maps";
  /** The entry's file. */
  public static final String EXACT = "exact.f32";
  /** Key version: bump when {@link MapResampler}'s choice of exact pixels changes. */
  private static final String VERSION = "size-maps-v1";
  /** Memory bound of the exact values held per (clip, size). */
  private static final long EXACT_MEMORY = 256L << 20;

  private record SizeKey(CacheKey decomposition, int width, int height) {}

  private record FrameKey(CacheKey decomposition, int width, int height, int t) {}

  private final Optional<ContentCache> cache;
  private final Memo<SizeKey, List<float[]>> exact = new Memo<>(EXACT_MEMORY, MapStore::weight);
  private final Memo<FrameKey, FrameLayerMaps> frames;
  private final AtomicInteger evaluations = new AtomicInteger();

  /**
   * @param cache where the exact values are kept across runs; empty: in memory only
   * @param memoryBytes bound on the resampled frames kept in memory (20 bytes a pixel)
   */
  public MapStore(Optional<ContentCache> cache, long memoryBytes) {
    this.cache = cache;
    this.frames = new Memo<>(memoryBytes, m -> 5L * Float.BYTES * m.pixels());
  }

  /** The entry key of {@code decomposition}'s exact values at {@code width x height}. */
  public static CacheKey key(CacheKey decomposition, int width, int height) {
    return new ContentHasher().putString(VERSION).putString(decomposition.kind()).putString(decomposition.hash())
        .putLong(width).putLong(height).key(KIND);
  }

  /**
   * Frame {@code t}'s maps at {@code width x height}: the working maps themselves at the working size;
   * otherwise from memory, or resampled and completed with the stored exact values (evaluated for the whole
   * clip first when this size has none).
   */
  public FrameLayerMaps frame(MapNetworks source, int t, int width, int height) {
    if (t < 0 || t >= source.frameCount()) {
      throw new IllegalArgumentException("frame " + t + " outside the clip's 0 … " + (source.frameCount() - 1));
    }
    if (width == source.width() && height == source.height()) {
      return source.working(t);
    }
    return frames.get(new FrameKey(source.key(), width, height, t), () -> {
      MapResampler.Resampled r = MapResampler.resample(source.working(t), width, height);
      MapResampler.patch(r, exactValues(source, width, height).get(t));
      return r.maps();
    });
  }

  /** How many times this store evaluated the networks for a whole clip at a size (entries created). */
  public int evaluations() {
    return evaluations.get();
  }

  private List<float[]> exactValues(MapNetworks source, int width, int height) {
    return exact.get(new SizeKey(source.key(), width, height), () -> {
      try {
        return cache.isPresent() ? stored(cache.get(), source, width, height) : evaluate(source, width, height, null);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot keep the maps of " + source.key() + " at " + width + "x" + height
            + ": " + e.getMessage(), e);
      }
    });
  }

  /** The entry's values; an entry that does not fit the clip (damaged, or from another layout) is evaluated again. */
  private List<float[]> stored(ContentCache c, MapNetworks source, int width, int height) throws IOException {
    CacheKey key = key(source.key(), width, height);
    for (int attempt = 0; ; attempt++) {
      CacheEntry entry = c.getOrCreate(key, dir -> {
        try (Float32Files.Appender out = Float32Files.append(dir.resolve(EXACT), source.frameCount())) {
          evaluate(source, width, height, out);
          out.commit();
        }
      });
      try {
        List<float[]> values = Float32Files.read(entry.file(EXACT));
        if (values.size() == source.frameCount()) {
          return values;
        }
        throw new IOException(values.size() + " frames stored, the clip has " + source.frameCount());
      } catch (IOException e) {
        if (attempt > 0) {
          throw e;
        }
        LOG.warn("maps entry {} unreadable ({}); evaluating it again", key, e.getMessage());
        c.remove(key);
      }
    }
  }

  /**
   * Evaluates the networks at every frame's exact pixels, handing each frame's values to {@code out} when
   * given one, and returns them all when not.
   */
  private List<float[]> evaluate(MapNetworks source, int width, int height, Float32Files.Appender out)
      throws IOException {
    long start = System.nanoTime();
    long pixels = 0;
    List<float[]> values = new ArrayList<>();
    for (int t = 0; t < source.frameCount(); t++) {
      int[] exactPixels = MapResampler.exactPixels(source.working(t), width, height);
      float[] v = source.evaluate(t, width, height, exactPixels);
      pixels += exactPixels.length;
      if (out != null) {
        out.add(v);
      } else {
        values.add(v);
      }
    }
    evaluations.incrementAndGet();
    LOG.info("maps of {} at {}x{}: networks evaluated at {} edge pixels ({} % of {} frames) in {} s", source.key(),
        width, height, pixels, String.format("%.2f", 100.0 * pixels / ((double) width * height * source.frameCount())),
        source.frameCount(), String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return values;
  }

  private static long weight(List<float[]> values) {
    long n = 0;
    for (float[] v : values) {
      n += (long) Float.BYTES * v.length;
    }
    return n;
  }
}
