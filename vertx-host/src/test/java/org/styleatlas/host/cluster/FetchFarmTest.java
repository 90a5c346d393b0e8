package org.styleatlas.host.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.host.HostConfig;

/**
 * A farm of two hosts in two JVMs whose cache folders are their own ({@code cluster.artifacts:
 * fetch}): A (render only) gets the clip's frames; B, the trainer, fetches the clip and its frames
 * from A, decomposes and stylizes; A fetches the decomposition and the stylized atlas from B, every
 * file checked against B's SHA-256; both render every frame bit-identical.
 */
class FetchFarmTest {
  private static final Logger LOG = LoggerFactory.getLogger(FetchFarmTest.class);
  private static final Pattern FETCHED =
      Pattern.compile(
          "fetched ([a-z-]+)/[0-9a-f]{12} from peer \\S+: (\\d+) files, (\\d+) bytes in ([0-9.]+) s");

  @TempDir Path dir;

  @Test
  void hostsWithTheirOwnCachesFetchWhatTheyLackAndRenderTheSamePixels() throws Exception {
    Map<String, String> pipeline =
        Map.of("decomposeIterations", "40", "decomposePretrain", "5", "longEdge", "32");
    try (TestFarm farm =
        new TestFarm(dir, List.of("A", "B"), pipeline, HostConfig.Artifacts.FETCH)) {
      farm.start("A", false);
      farm.start("B", true);
      farm.awaitReady("A");
      farm.awaitReady("B");
      float[] out = new float[TestFarm.W * TestFarm.H * 4];
      for (int t = 0; t < TestFarm.FRAMES; t++) {
        assertEquals("pending", farm.render("A", t, out).path("status").asText());
      }
      long start = System.currentTimeMillis();
      JsonNode r = farm.render("A", 1, out);
      while (!r.path("status").asText().equals("stylized")
          && System.currentTimeMillis() - start < 180_000) {
        Thread.sleep(500);
        r = farm.render("A", 1, out);
      }
      assertEquals("stylized", r.path("status").asText(), r.toString());
      assertTrue(
          farm.log("B", "fetched frame/") && farm.log("B", "fetched clip/"),
          "B fetched the clip and its frames from A");
      assertTrue(
          farm.log("A", "fetched decomposition/") && farm.log("A", "fetched stylized"),
          "A fetched the decomposition and the stylized atlas from B");
      assertTrue(holds(farm.cacheDir("A"), "decomposition"), "stored in A's own folder");
      assertTrue(holds(farm.cacheDir("B"), "frame"), "stored in B's own folder");
      for (int t = 0; t < TestFarm.FRAMES; t++) {
        float[] onA = new float[out.length];
        float[] onB = new float[out.length];
        assertEquals("stylized", farm.render("A", t, onA).path("status").asText());
        assertEquals("stylized", farm.render("B", t, onB).path("status").asText());
        assertArrayEquals(onA, onB, "frame " + t + " is bit-identical on A and B");
        assertTrue(!java.util.Arrays.equals(onA, farm.frame(t)), "frame " + t + " is rendered");
      }
      logFetches(farm, "A");
      logFetches(farm, "B");
    }
  }

  private static boolean holds(Path cache, String kind) throws IOException {
    Path d = cache.resolve(kind);
    if (!Files.isDirectory(d)) {
      return false;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.anyMatch(e -> Files.isRegularFile(e.resolve("manifest.json")));
    }
  }

  /** Logs what host {@code name} fetched, per kind: entries, bytes, seconds. */
  private static void logFetches(TestFarm farm, String name) throws IOException {
    Matcher m = FETCHED.matcher(Files.readString(farm.log(name)));
    Map<String, double[]> byKind = new java.util.TreeMap<>();
    while (m.find()) {
      double[] sum = byKind.computeIfAbsent(m.group(1), k -> new double[3]);
      sum[0]++;
      sum[1] += Long.parseLong(m.group(3));
      sum[2] += Double.parseDouble(m.group(4));
    }
    byKind.forEach(
        (kind, s) ->
            LOG.info(
                "{} fetched {} {} entries, {} bytes in {} s",
                name,
                (int) s[0],
                kind,
                (long) s[1],
                String.format(java.util.Locale.ROOT, "%.3f", s[2])));
  }
}
