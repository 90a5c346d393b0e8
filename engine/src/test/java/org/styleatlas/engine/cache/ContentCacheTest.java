package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCacheTest {
  @TempDir Path root;

  private static CacheKey key(String s) {
    return new ContentHasher().putString(s).key("test");
  }

  @Test
  void storesOnceAndFindsAgain() throws IOException {
    ContentCache cache = new ContentCache(root, 1 << 20);
    AtomicInteger writes = new AtomicInteger();
    CacheEntry a =
        cache.getOrCreate(
            key("a"),
            dir -> {
              writes.incrementAndGet();
              Files.writeString(dir.resolve("x.txt"), "hello");
            });
    CacheEntry b = cache.getOrCreate(key("a"), dir -> writes.incrementAndGet());
    assertEquals(1, writes.get());
    assertEquals(a, b);
    assertEquals("hello", Files.readString(b.file("x.txt")));
    assertTrue(
        new ContentCache(root, 1 << 20).find(key("a")).isPresent(), "visible to a new process");
  }

  @Test
  void corruptEntryIsDetectedAndRemoved() throws IOException {
    ContentCache cache = new ContentCache(root, 1 << 20);
    CacheEntry e =
        cache.getOrCreate(key("c"), dir -> Files.writeString(dir.resolve("x.txt"), "hello"));
    Files.writeString(e.file("x.txt"), "HELLO");
    assertFalse(new ContentCache(root, 1 << 20).find(key("c")).isPresent());
    assertFalse(Files.exists(e.dir()));
  }

  @Test
  void failedWriteLeavesNothing() throws IOException {
    ContentCache cache = new ContentCache(root, 1 << 20);
    assertThrows(
        IOException.class,
        () ->
            cache.getOrCreate(
                key("f"),
                dir -> {
                  Files.writeString(dir.resolve("part.bin"), "half");
                  throw new IOException("No space left on device");
                }));
    assertFalse(cache.find(key("f")).isPresent());
    try (Stream<Path> tmp = Files.list(root.resolve(".tmp"))) {
      assertEquals(0, tmp.count());
    }
  }

  @Test
  void entryWithoutManifestIsIncomplete() throws IOException {
    ContentCache cache = new ContentCache(root, 1 << 20);
    CacheEntry e = cache.getOrCreate(key("m"), dir -> Files.writeString(dir.resolve("x.txt"), "x"));
    Files.delete(e.file(Manifest.FILE_NAME));
    assertFalse(new ContentCache(root, 1 << 20).find(key("m")).isPresent());
  }

  @Test
  void evictsLeastRecentlyUsedPastTheCap() throws Exception {
    ContentCache cache = new ContentCache(root, 2500);
    byte[] kb = new byte[1000];
    cache.getOrCreate(key("1"), dir -> Files.write(dir.resolve("b"), kb));
    Thread.sleep(20);
    cache.getOrCreate(key("2"), dir -> Files.write(dir.resolve("b"), kb));
    Thread.sleep(20);
    cache.find(key("1"));
    Thread.sleep(20);
    cache.getOrCreate(key("3"), dir -> Files.write(dir.resolve("b"), kb));
    assertTrue(cache.find(key("1")).isPresent());
    assertFalse(cache.find(key("2")).isPresent(), "least recently used goes first");
    assertTrue(cache.find(key("3")).isPresent());
    assertTrue(cache.sizeBytes() <= 2500);
  }

  @Test
  void concurrentWritersOfOneKeyWriteOnce() throws Exception {
    ContentCache cache = new ContentCache(root, 1 << 20);
    AtomicInteger writes = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<CacheEntry>> fs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        fs.add(
            pool.submit(
                () ->
                    cache.getOrCreate(
                        key("same"),
                        dir -> {
                          writes.incrementAndGet();
                          Files.writeString(dir.resolve("x"), "v");
                        })));
      }
      for (Future<CacheEntry> f : fs) {
        assertEquals("v", Files.readString(f.get().file("x")));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, writes.get());
  }

  @Test
  void hasherSeparatesParts() {
    assertNotEquals(
        new ContentHasher().putString("ab").putString("c").hex(),
        new ContentHasher().putString("a").putString("bc").hex());
    assertEquals(
        new ContentHasher().putFloats(new float[] {1f, 2f}).hex(),
        new ContentHasher().putFloats(new float[] {1f, 2f}).hex());
  }

  @Test
  void atomicWriteReplacesWholeFile() throws IOException {
    Path f = root.resolve("ckpt.bin");
    AtomicFiles.write(f, out -> out.write(new byte[] {1, 2, 3}));
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.write(
                f,
                out -> {
                  out.write(new byte[] {9});
                  throw new IOException("disk full");
                }));
    assertEquals(3, Files.size(f), "old content survives a failed write");
  }
}
