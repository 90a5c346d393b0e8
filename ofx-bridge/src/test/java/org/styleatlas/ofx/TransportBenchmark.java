package org.styleatlas.ofx;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;
import org.styleatlas.ofx.stub.Libc;
import org.styleatlas.ofx.stub.StubEngine;

/**
 * Render round trip through the shim (host image → wire → engine → host image) for one 1920x1080
 * frame, local (Unix socket + shared memory) against remote (TCP, inline pixels) side by side, with
 * the stub engine in the same JVM. Run: see docs/BENCHMARKS.md.
 */
public final class TransportBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(TransportBenchmark.class);
  private static final int RUNS = 15;
  private static final int WARMUP = 3;

  private TransportBenchmark() {}

  private static double time(Fixture f, Effect instance) {
    long start = System.nanoTime();
    if (f.session.render(instance, 0).status() != Status.OK)
      throw new IllegalStateException(instance.messages().toString());
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  public static void main(String[] args) throws Exception {
    Libc.C.setenv("STYLEATLAS_ENGINE_TOKEN", "bench", 1);
    for (Depth depth : new Depth[] {Depth.BYTE, Depth.FLOAT}) {
      HostImage frame = Fixture.clip(1920, 1080, depth, 4, true).apply(0);
      DoubleFunction<HostImage> frames =
          t -> frame; // filled once: the harness's per-pixel fill is slow
      try (Fixture f = new Fixture(Behaviour.STYLIZE);
          StubEngine tcp = StubEngine.tcp("bench", Behaviour.STYLIZE)) {
        Effect local = f.instance(frames);
        Effect remote = f.instance(frames);
        remote.params().get("engineAddress").set(tcp.address());
        double[] shm = new double[RUNS];
        double[] inline = new double[RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
          double a = time(f, local);
          double b = time(f, remote);
          if (i >= 0) {
            shm[i] = a;
            inline[i] = b;
          }
        }
        LOG.warn(
            "1920x1080 RGBA {}: shm median {} ms, tcp inline median {} ms, ratio tcp/shm {}",
            depth,
            String.format("%.1f", median(shm)),
            String.format("%.1f", median(inline)),
            String.format("%.2f", median(inline) / median(shm)));
      }
    }
  }
}
