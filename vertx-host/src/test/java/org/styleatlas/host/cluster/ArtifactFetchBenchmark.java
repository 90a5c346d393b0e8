package org.styleatlas.host.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.host.HostConfig;

/**
 * MB/s of fetching a decomposition-sized entry (the files and sizes of a real DAVIS decomposition,
 * 84 MB: alpha and uv maps at full size, atlases, weights; random bytes) from one farm host to
 * another: two clustered Vert.x instances (Hazelcast) in this JVM on loopback, each with its own
 * cache folder, the receiving thread a plain one as a render worker's would be. Beside it, in the
 * same run, the local floor: reading and SHA-256 hashing the same files from disk. Runs only with
 * {@code -Dstyleatlas.fetchBenchmark=true} (docs/BENCHMARKS.md, "Render farm: artifact fetch").
 */
class ArtifactFetchBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactFetchBenchmark.class);
  private static final int REPEATS = 5;

  /** A blackswan decomposition entry's files at 854x480 (cli-bench cache, 2026-12-06). */
  static final Map<String, Integer> DECOMPOSITION_FILES =
      Map.of(
          "alpha.f32", 16_589_216,
          "atlas-background.png", 741_248,
          "atlas-foreground.png", 144_980,
          "config.txt", 957,
          "decomposition.json", 56_064,
          "uv-background.f32", 33_178_016,
          "uv-foreground.f32", 33_178_016,
          "weights.bin", 3_819_462);

  @TempDir Path dir;

  @Test
  void fetchThroughputOfADecompositionSizedEntry() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("styleatlas.fetchBenchmark"),
        "the fetch benchmark runs with -Dstyleatlas.fetchBenchmark=true");
    List<String> members = new ArrayList<>();
    int[] ports = new int[2];
    for (int i = 0; i < 2; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        ports[i] = s.getLocalPort();
        members.add("127.0.0.1:" + ports[i]);
      }
    }
    Farm a = Farm.join(cluster(ports[0], members), new VertxOptions(), dir.resolve("a-state"));
    Farm b = Farm.join(cluster(ports[1], members), new VertxOptions(), dir.resolve("b-state"));
    try {
      ContentCache onA = share(a, "a");
      ContentCache onB = share(b, "b");
      List<CacheKey> keys = new ArrayList<>();
      Random random = new Random(1);
      for (int r = 0; r < REPEATS; r++) {
        CacheKey key = new ContentHasher().putLong(r).key("decomposition");
        onB.getOrCreate(
            key,
            d -> {
              for (Map.Entry<String, Integer> f : DECOMPOSITION_FILES.entrySet()) {
                byte[] b2 = new byte[f.getValue()];
                random.nextBytes(b2);
                Files.write(d.resolve(f.getKey()), b2);
              }
            });
        keys.add(key);
      }
      long bytes = DECOMPOSITION_FILES.values().stream().mapToLong(Integer::longValue).sum();
      List<Double> fetch = new ArrayList<>();
      List<Double> local = new ArrayList<>();
      for (CacheKey key : keys) {
        long t0 = System.nanoTime();
        Path got = onA.find(key).orElseThrow().dir();
        fetch.add(bytes / 1e6 / ((System.nanoTime() - t0) / 1e9));
        assertArrayEquals(
            Files.readAllBytes(onB.findHere(key).orElseThrow().file("weights.bin")),
            Files.readAllBytes(got.resolve("weights.bin")));
        long t1 = System.nanoTime();
        hashAll(onB.findHere(key).orElseThrow().dir());
        local.add(bytes / 1e6 / ((System.nanoTime() - t1) / 1e9));
      }
      LOG.info(
          "fetch of a {} MB decomposition entry: {} MB/s per run (median {}); local read + SHA-256: {} MB/s (median {})",
          String.format(Locale.ROOT, "%.1f", bytes / 1e6),
          fmt(fetch),
          String.format(Locale.ROOT, "%.1f", median(fetch)),
          fmt(local),
          String.format(Locale.ROOT, "%.1f", median(local)));
      assertTrue(median(fetch) > 0);
    } finally {
      a.vertx().close().await();
      b.vertx().close().await();
    }
  }

  private ContentCache share(Farm farm, String name) {
    ContentCache cache = new ContentCache(dir.resolve(name), 1L << 34);
    JobExecutor jobs =
        new JobExecutor(
            cache, dir.resolve(name + "-state"), farm.board(), JobRunners.none(), Duration.ZERO);
    farm.shareArtifacts(Studio.forHost(cache, jobs, JobRunners.none()).farmArtifacts());
    return cache;
  }

  private static HostConfig.Cluster cluster(int port, List<String> members) {
    return new HostConfig.Cluster(
        true,
        "fetch-bench-" + members.get(0).hashCode(),
        "127.0.0.1",
        port,
        members,
        10,
        true,
        HostConfig.Artifacts.FETCH,
        HostConfig.Device.CPU,
        Duration.ofSeconds(5));
  }

  private static void hashAll(Path entry) throws Exception {
    byte[] buf = new byte[1 << 16];
    try (var files = Files.list(entry)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        try (InputStream in =
            new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
          while (in.read(buf) > 0) {
            // hashing as it reads
          }
        }
      }
    } catch (IOException e) {
      throw e;
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.get(s.size() / 2);
  }

  private static String fmt(List<Double> xs) {
    return xs.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList().toString();
  }
}
