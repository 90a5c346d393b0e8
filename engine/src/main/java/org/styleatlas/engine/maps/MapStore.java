package org.styleatlas.engine.maps;

import java.io.IOException;
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
 * The one store of a decomposition's maps at output sizes, for the CLI's renders and stylizations
 * and the host's frame requests alike. The frozen networks are not run at every output pixel: a
 * frame's maps at {@code w x h} are its working-size maps resampled ({@link MapResampler}) with the
 * networks' own values put in at the few pixels near the opacity's edges (α alone) and the
 * mappings' seams (all five values). Those values are what the store keeps: one content-cache entry
 * per clip and size (kind {@value #KIND}, file {@value #EXACT}, a {@link Float32Files} list of one
 * array per frame, {@code [n_all, 5]} then {@code [n_alpha]}, see {@link MapResampler#patch}), so
 * the entry grows with the clip's edges, not with frames × pixels (a 1080p frame's full maps are 41
 * MB). A frame's values are evaluated when that frame is first asked for at that size (a fraction
 * of a second to seconds, so a host request never waits for the whole clip), held in memory, and
 * written as the entry once every frame has them (a render of the whole clip writes it at its end).
 * Later requests at that size, in this process or after a restart, read the entry and never touch
 * the networks. Resampled frames are also kept in memory up to a byte bound. Thread-safe.
 */
public final class MapStore {
  private static final Logger LOG = LoggerFactory.getLogger(MapStore.class);

  /** The cache kind of the exact values at one output size. */
  public static final String KIND = "size-maps";

  /** The entry's file. */
  public static final String EXACT = "exact.f32";

  /** Key version: bump when {@link MapResampler}'s choice of exact pixels changes. */
  private static final String VERSION = "size-maps-v2";

  /** How many (clip, size) value sets are held in memory (each is small: a clip's edge pixels). */
  private static final long SIZES_HELD = 16;

  private record SizeKey(CacheKey decomposition, int width, int height) {}

  private record FrameKey(CacheKey decomposition, int width, int height, int t) {}

  private final Optional<ContentCache> cache;
  private final Memo<SizeKey, SizeValues> sizes = new Memo<>(SIZES_HELD, v -> 1);
  private final Memo<FrameKey, FrameLayerMaps> frames;
  private final AtomicInteger evaluations = new AtomicInteger();
  private final AtomicInteger stored = new AtomicInteger();

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
    return new ContentHasher()
        .putString(VERSION)
        .putString(decomposition.kind())
        .putString(decomposition.hash())
        .putLong(width)
        .putLong(height)
        .key(KIND);
  }

  /**
   * Frame {@code t}'s maps at {@code width x height}: the working maps themselves at the working
   * size; otherwise from memory, or resampled and completed with the frame's exact values (read
   * from the entry, or evaluated now).
   */
  public FrameLayerMaps frame(MapNetworks source, int t, int width, int height) {
    if (t < 0 || t >= source.frameCount()) {
      throw new IllegalArgumentException(
          "frame " + t + " outside the clip's 0 … " + (source.frameCount() - 1));
    }
    if (width == source.width() && height == source.height()) {
      return source.working(t);
    }
    return frames.get(
        new FrameKey(source.key(), width, height, t),
        () -> {
          MapResampler.Resampled r = MapResampler.resample(source.working(t), width, height);
          MapResampler.patch(r, sizeValues(source, width, height).values(t, r.exact()));
          return r.maps();
        });
  }

  /**
   * How many frames' edge pixels this store evaluated with the networks (neither in memory nor
   * stored).
   */
  public int evaluations() {
    return evaluations.get();
  }

  /** How many entries (a whole clip at one size) this store wrote to the cache. */
  public int entriesWritten() {
    return stored.get();
  }

  private SizeValues sizeValues(MapNetworks source, int width, int height) {
    return sizes.get(
        new SizeKey(source.key(), width, height),
        () -> {
          SizeValues v = new SizeValues(source, width, height);
          if (cache.isPresent()) {
            v.read(cache.get());
          }
          return v;
        });
  }

  /**
   * The exact values of one clip at one size, frame by frame as they are read or evaluated.
   * Thread-safe.
   */
  private final class SizeValues {
    private final MapNetworks source;
    private final int width;
    private final int height;
    private final CacheKey key;
    private final float[][] values;
    private int missing;

    SizeValues(MapNetworks source, int width, int height) {
      this.source = source;
      this.width = width;
      this.height = height;
      this.key = MapStore.key(source.key(), width, height);
      this.values = new float[source.frameCount()][];
      this.missing = values.length;
    }

    /**
     * Fills every frame from the cache entry when there is one that fits the clip; drops one that
     * does not.
     */
    synchronized void read(ContentCache c) {
      Optional<CacheEntry> entry = c.find(key);
      if (entry.isEmpty()) {
        return;
      }
      try {
        List<float[]> stored = Float32Files.read(entry.get().file(EXACT));
        if (stored.size() != values.length) {
          throw new IOException(stored.size() + " frames stored, the clip has " + values.length);
        }
        for (int t = 0; t < values.length; t++) {
          values[t] = stored.get(t);
        }
        missing = 0;
      } catch (IOException | java.io.UncheckedIOException e) {
        LOG.warn("maps entry {} unreadable ({}); evaluating its frames again", key, e.getMessage());
        c.remove(key);
      }
    }

    /**
     * Frame {@code t}'s values; evaluated now when missing (outside the lock, so frames of one size
     * evaluate in parallel), and the entry written once no frame is.
     *
     * @param exact the frame's exact pixels ({@link MapResampler#exactPixels})
     */
    float[] values(int t, MapResampler.Exact exact) {
      synchronized (this) {
        if (values[t] != null) {
          return values[t];
        }
      }
      long start = System.nanoTime();
      float[] v = source.evaluate(t, width, height, exact);
      boolean complete;
      synchronized (this) {
        if (values[t] != null) {
          return values[t]; // evaluated by another thread meanwhile
        }
        values[t] = v;
        complete = --missing == 0;
      }
      evaluations.incrementAndGet();
      LOG.debug(
          "maps of {} frame {} at {}x{}: networks at {} edge pixels ({} %, α alone at {}) in {} ms",
          source.key(),
          t,
          width,
          height,
          exact.pixels(),
          String.format("%.2f", 100.0 * exact.pixels() / ((double) width * height)),
          exact.alpha().length,
          (System.nanoTime() - start) / 1_000_000);
      if (complete && cache.isPresent()) {
        write(cache.get());
      }
      return v;
    }

    private void write(ContentCache c) {
      try {
        c.getOrCreate(
            key,
            dir -> {
              try (Float32Files.Appender out =
                  Float32Files.append(dir.resolve(EXACT), values.length)) {
                for (float[] v : values) {
                  out.add(v);
                }
                out.commit();
              }
            });
        stored.incrementAndGet();
        LOG.info(
            "maps of {} at {}x{}: edge values of all {} frames stored ({} KB)",
            source.key(),
            width,
            height,
            values.length,
            bytes() >> 10);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(
            "cannot store the maps of "
                + source.key()
                + " at "
                + width
                + "x"
                + height
                + ": "
                + e.getMessage(),
            e);
      }
    }

    synchronized long bytes() {
      long n = 0;
      for (float[] v : values) {
        n += v == null ? 0 : (long) Float.BYTES * v.length;
      }
      return n;
    }
  }
}
