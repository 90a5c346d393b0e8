package org.styleatlas.engine.maps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.decomposition.ClipLayerMaps;

/** {@link FrameMapCache} on a real {@link ContentCache}, with maps made up for one small frame (8x4). */
class FrameMapCacheTest {
  private static final int W = 8;
  private static final int H = 4;
  private static final CacheKey DECOMPOSITION = new ContentHasher().putString("a decomposition").key("decomposition");

  @TempDir Path dir;

  /** Frame {@code t}'s made-up maps: distinct values per frame and per array. */
  private static ClipLayerMaps maps(int t) {
    return new ClipLayerMaps(W, H, List.of(ramp(W * H * 2, t)), List.of(ramp(W * H * 2, t + 0.5f)),
        List.of(ramp(W * H, t + 0.25f)), List.of());
  }

  private static float[] ramp(int n, float offset) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = offset + i / (float) n;
    }
    return v;
  }

  @Test
  void aSecondInstanceOnTheSameCacheReadsWhatTheFirstStored() throws Exception {
    ContentCache cache = new ContentCache(dir, 1L << 20);
    FrameMapCache first = new FrameMapCache(cache);
    ClipLayerMaps stored = first.get(DECOMPOSITION, W, H, 3, () -> maps(3));
    FrameMapCache second = new FrameMapCache(new ContentCache(dir, 1L << 20));
    ClipLayerMaps read = second.get(DECOMPOSITION, W, H, 3, () -> {
      throw new AssertionError("the stored entry is read, not evaluated");
    });
    assertEquals(1, first.evaluations());
    assertEquals(0, second.evaluations());
    assertEquals(1, read.frames());
    assertArrayEquals(stored.uvForeground().get(0), read.uvForeground().get(0));
    assertArrayEquals(maps(3).uvBackground().get(0), read.uvBackground().get(0));
    assertArrayEquals(maps(3).alpha().get(0), read.alpha().get(0));
  }

  @Test
  void entriesCountTowardTheCacheBound() throws Exception {
    ContentCache probe = new ContentCache(dir.resolve("probe"), 1L << 20);
    new FrameMapCache(probe).get(DECOMPOSITION, W, H, 0, () -> maps(0));
    long entryBytes = probe.sizeBytes();
    assertTrue(entryBytes >= 5L * W * H * Float.BYTES, "an entry holds its maps: " + entryBytes + " bytes");

    ContentCache cache = new ContentCache(dir.resolve("bounded"), 2 * entryBytes + entryBytes / 2);
    FrameMapCache frames = new FrameMapCache(cache);
    for (int t = 0; t < 3; t++) {
      int frame = t;
      frames.get(DECOMPOSITION, W, H, frame, () -> maps(frame));
    }
    assertTrue(cache.sizeBytes() <= 2 * entryBytes + entryBytes / 2, "within the bound: " + cache.sizeBytes());
    assertEquals(2, entries(cache.root().resolve(FrameMapCache.KIND)).size(), "one of three entries evicted");
    assertTrue(cache.find(FrameMapCache.key(DECOMPOSITION, W, H, 2)).isPresent(), "the newest entry is kept");
  }

  private static List<Path> entries(Path kind) throws Exception {
    try (Stream<Path> s = Files.list(kind)) {
      return new ArrayList<>(s.toList());
    }
  }
}
