package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed (SIGKILL) at random points leaves a cache whose every entry reads back
 * whole.
 */
class ContentCacheKillTest {
  @TempDir Path root;

  @Test
  void killedWritersLeaveOnlyCompleteEntries() throws Exception {
    Random random = new Random(7);
    for (int round = 0; round < 2; round++) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  CacheWriterProcess.class.getName(),
                  root.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long end = System.currentTimeMillis() + 30_000;
      while (entries() < 2 * (round + 1) && System.currentTimeMillis() < end && p.isAlive()) {
        Thread.sleep(20);
      }
      Thread.sleep(random.nextInt(150));
      p.destroyForcibly();
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the writer died");
    }
    ContentCache cache = new ContentCache(root, Long.MAX_VALUE);
    int checked = 0;
    for (int i = 0; i < 10_000; i++) {
      CacheKey key = CacheWriterProcess.key(i);
      if (!Files.exists(root.resolve(key.kind()).resolve(key.hash()))) {
        break;
      }
      Optional<CacheEntry> e = cache.find(key);
      assertTrue(e.isPresent(), "entry " + i + " is complete and verified");
      for (int f = 0; f < CacheWriterProcess.FILES; f++) {
        assertArrayEquals(
            CacheWriterProcess.content(i, f),
            Files.readAllBytes(e.get().file("part-" + f + ".bin")));
      }
      checked++;
    }
    assertTrue(checked >= 2, "entries were written before the kills: " + checked);
    int next = checked;
    CacheEntry again =
        cache.getOrCreate(
            CacheWriterProcess.key(next),
            dir -> Files.write(dir.resolve("part-0.bin"), CacheWriterProcess.content(next, 0)));
    assertTrue(
        cache.find(again.key()).isPresent(), "the interrupted key can be written afterwards");
  }

  private int entries() throws IOException {
    Path dir = root.resolve("kill-test");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.count();
    }
  }
}
