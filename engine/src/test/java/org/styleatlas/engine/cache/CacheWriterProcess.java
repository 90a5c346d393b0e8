package org.styleatlas.engine.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A child process for {@link ContentCacheKillTest}: writes cache entries of a few megabytes in a
 * loop until it is killed. Entry {@code i} has key {@code key(i)} and files whose bytes derive from
 * {@code i}.
 */
public final class CacheWriterProcess {
  static final int FILES = 3;
  static final int FILE_BYTES = 1 << 18;

  private CacheWriterProcess() {}

  static CacheKey key(int i) {
    return new ContentHasher().putLong(i).key("kill-test");
  }

  static byte[] content(int i, int file) {
    byte[] b = new byte[FILE_BYTES];
    new Random(31L * i + file).nextBytes(b);
    return b;
  }

  public static void main(String[] args) throws IOException {
    ContentCache cache = new ContentCache(Path.of(args[0]), Long.MAX_VALUE);
    for (int i = 0; ; i++) {
      int n = i;
      cache.getOrCreate(
          key(n),
          dir -> {
            for (int f = 0; f < FILES; f++) {
              try (OutputStream out = Files.newOutputStream(dir.resolve("part-" + f + ".bin"))) {
                byte[] b = content(n, f);
                for (int off = 0; off < b.length; off += 4096) {
                  out.write(b, off, 4096); // many small writes: the kill lands mid-file
                }
              }
            }
          });
    }
  }
}
