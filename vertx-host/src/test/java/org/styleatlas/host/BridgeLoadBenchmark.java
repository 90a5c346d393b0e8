package org.styleatlas.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * Load benchmark (not a test): N concurrent clients render frames of an already collected clip over
 * the Unix socket and shared memory, each client with its own segment, the way the shim does.
 * Bounded: {@value #REQUESTS_PER_RUN} requests per run (at least 4 per client), a few client
 * counts, {@value #RUNS} runs each. Prints requests per second and latency percentiles, beside the
 * cost of one raw copy of the frame and of one SHA-256 of it. Run: {@code mvn -B -q -pl vertx-host
 * -am -Pbench verify -DskipTests}.
 */
public final class BridgeLoadBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeLoadBenchmark.class);
  static final int W = 854;
  static final int H = 480;
  static final int FRAMES = 8;
  static final int REQUESTS_PER_RUN = 48;
  static final int RUNS = 3;
  static final int[] CLIENTS = {1, 4, 16};

  private BridgeLoadBenchmark() {}

  /** One run: throughput and latency percentiles in milliseconds. */
  record Result(double rps, double p50, double p90, double p99) {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("styleatlas-bench");
    EngineHost host = TestHost.start(TestHost.config(dir, false), JobRunners.none());
    try {
      Path sock = host.config().bridgeSocket();
      for (int t = 0; t < FRAMES; t++) {
        renderOnce(sock, t); // collect the clip: later renders hit known frames
      }
      LOG.info("frame {}x{} RGBA float32 = {} bytes", W, H, W * H * 16);
      LOG.info("raw copy of one frame (median of 50): {} ms", fmt(rawCopyMs()));
      LOG.info("SHA-256 of one frame (median of 20): {} ms", fmt(hashMs()));
      for (int clients : CLIENTS) {
        List<Result> runs = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
          runs.add(run(sock, clients));
        }
        runs.sort(Comparator.comparingDouble(Result::rps));
        Result m = runs.get(RUNS / 2);
        LOG.info(
            "clients {}: median of {} runs: {} req/s, latency p50 {} ms, p90 {} ms, p99 {} ms (runs: {})",
            clients,
            RUNS,
            fmt(m.rps()),
            fmt(m.p50()),
            fmt(m.p90()),
            fmt(m.p99()),
            runs.stream().map(x -> fmt(x.rps())).toList());
      }
    } finally {
      host.close();
    }
  }

  private static JsonNode renderOnce(Path sock, int t) throws Exception {
    try (ShimClient c = ShimClient.unix(sock);
        ShmRequest shm = new ShmRequest(W, H, TestFrames.rgba(W, H, t))) {
      return c.call(shm.render(t, t, FRAMES, TestHost.NO_PARAMS));
    }
  }

  private static Result run(Path sock, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        int frame = c % FRAMES;
        futures.add(pool.submit(() -> client(sock, frame, perClient(clients))));
      }
      double[] all = new double[clients * perClient(clients)];
      int i = 0;
      for (Future<double[]> f : futures) {
        for (double v : f.get(120, TimeUnit.SECONDS)) {
          all[i++] = v;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(all);
      return new Result(all.length / seconds, pct(all, 50), pct(all, 90), pct(all, 99));
    } finally {
      pool.shutdownNow();
    }
  }

  /** One client: one connection per request (as the shim), one segment reused, latencies in ms. */
  private static int perClient(int clients) {
    return Math.max(4, REQUESTS_PER_RUN / clients);
  }

  private static double[] client(Path sock, int frame, int requests) throws Exception {
    double[] lat = new double[requests];
    try (ShmRequest shm = new ShmRequest(W, H, TestFrames.rgba(W, H, frame))) {
      for (int i = 0; i < requests; i++) {
        long t0 = System.nanoTime();
        try (ShimClient c = ShimClient.unix(sock)) {
          JsonNode r = c.call(shm.render(i, frame, FRAMES, TestHost.NO_PARAMS));
          if (!r.path("type").asText().equals("render")) {
            throw new IllegalStateException("unexpected reply " + r);
          }
        }
        lat[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    return lat;
  }

  private static double rawCopyMs() {
    ByteBuffer src = ByteBuffer.allocateDirect(W * H * 16);
    ByteBuffer dst = ByteBuffer.allocateDirect(W * H * 16);
    double[] t = new double[50];
    for (int i = 0; i < t.length; i++) {
      long t0 = System.nanoTime();
      dst.clear();
      dst.put(src.duplicate());
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }

  private static double hashMs() {
    ByteBuffer frame = ByteBuffer.wrap(TestFrames.bytes(TestFrames.rgba(W, H, 0)));
    double[] t = new double[20];
    for (int i = 0; i < t.length; i++) {
      long t0 = System.nanoTime();
      new ContentHasher().putBytes(frame).hex();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }

  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static String fmt(double v) {
    return String.format("%.2f", v);
  }
}
