package org.styleatlas.host.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames per second a farm of 1, 2 and 3 hosts (three JVMs on this machine, one shared cache)
 * renders of a stylized clip, each host fed by its own client thread through its bridge socket.
 * Runs only with {@code -Dstyleatlas.farmBenchmark=true} (docs/BENCHMARKS.md, "Render farm").
 */
class RenderFarmBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(RenderFarmBenchmark.class);
  private static final int ROUNDS = 20;
  private static final int REPEATS = 3;

  @TempDir Path dir;

  @Test
  void framesPerSecondByOneTwoAndThreeHosts() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("styleatlas.farmBenchmark"),
        "the render farm benchmark runs with -Dstyleatlas.farmBenchmark=true");
    List<String> names = List.of("A", "B", "C");
    try (TestFarm farm =
        new TestFarm(dir, names, Map.of("decomposeIterations", "20", "longEdge", "32"))) {
      for (String n : names) {
        farm.start(n, true);
      }
      for (String n : names) {
        farm.awaitReady(n);
      }
      float[] out = new float[TestFarm.W * TestFarm.H * 4];
      for (int t = 0; t < TestFarm.FRAMES; t++) {
        farm.render("A", t, out);
      }
      long start = System.currentTimeMillis();
      JsonNode r = farm.render("A", 0, out);
      while (!r.path("status").asText().equals("stylized")
          && System.currentTimeMillis() - start < 300_000) {
        Thread.sleep(500);
        r = farm.render("A", 0, out);
      }
      assertEquals("stylized", r.path("status").asText(), r.toString());
      for (String n : names) { // warm-up: each host's renderer and maps
        for (int t = 0; t < TestFarm.FRAMES; t++) {
          assertEquals("stylized", farm.render(n, t, out).path("status").asText());
        }
      }
      for (int hosts = 1; hosts <= names.size(); hosts++) {
        List<Double> fps = new ArrayList<>();
        for (int rep = 0; rep < REPEATS; rep++) {
          fps.add(framesPerSecond(farm, names.subList(0, hosts)));
        }
        fps.sort(Double::compare);
        LOG.info(
            "farm of {} host(s): median {} frames/s of {}x{} (runs {})",
            hosts,
            String.format("%.1f", fps.get(REPEATS / 2)),
            TestFarm.W,
            TestFarm.H,
            fps);
      }
    }
  }

  /** Every host renders ROUNDS passes over the clip at once, one client thread each. */
  private static double framesPerSecond(TestFarm farm, List<String> hosts) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
    try {
      long t0 = System.nanoTime();
      List<Future<Integer>> done = new ArrayList<>();
      for (String h : hosts) {
        done.add(
            pool.submit(
                () -> {
                  float[] out = new float[TestFarm.W * TestFarm.H * 4];
                  int n = 0;
                  for (int round = 0; round < ROUNDS; round++) {
                    for (int t = 0; t < TestFarm.FRAMES; t++) {
                      JsonNode r = farm.render(h, t, out);
                      if (!r.path("status").asText().equals("stylized")) {
                        throw new AssertionError(h + " frame " + t + ": " + r);
                      }
                      n++;
                    }
                  }
                  return n;
                }));
      }
      int frames = 0;
      for (Future<Integer> f : done) {
        frames += f.get();
      }
      return frames / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdown();
    }
  }
}
