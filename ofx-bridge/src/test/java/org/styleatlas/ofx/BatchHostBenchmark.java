package org.styleatlas.ofx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.BatchHost;

/**
 * How fast a batch host's pass ends when nothing can succeed (issue #23, done-when figures): a
 * 50-frame pass with no engine and a broken launcher, or a launcher that never listens, and passes
 * over a clip whose decomposition job failed, against the real engine host, and a pass whose engine
 * is killed midway. Run: see docs/BENCHMARKS.md.
 */
public final class BatchHostBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(BatchHostBenchmark.class);
  private static final int FRAMES = 50;
  private static final int RUNS = 3;
  private static final int BOUND_SECONDS = 3;

  private BatchHostBenchmark() {}

  private static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /**
   * The floor: a 50-frame pass against a stub engine that answers every render stylized at once.
   */
  private static long baselinePass() throws Exception {
    try (Fixture f = new Fixture(org.styleatlas.ofx.stub.Behaviour.STYLIZE)) {
      BatchHost.Pass p = BatchHostTest.batch(f, f.engine.address(), i -> {}).pass(FRAMES);
      if (p.failures() != 0) throw new IllegalStateException(p.messages().toString());
      LOG.warn("  pass: {} ms", p.millis());
      return p.millis();
    }
  }

  /**
   * A 50-frame pass on a fresh socket with the given launcher script body; returns its
   * milliseconds.
   */
  private static long noEnginePass(String launcherBody) throws Exception {
    try (Fixture f = new Fixture(null)) {
      BatchHostTest.useLauncher(f, launcherBody, BOUND_SECONDS);
      BatchHost.Pass p =
          BatchHostTest.batch(f, "unix:" + f.dir.resolve("nobody.sock"), i -> {}).pass(FRAMES);
      if (p.failures() != FRAMES)
        throw new IllegalStateException("expected every frame to fail: " + p.messages());
      LOG.warn(
          "  pass: {} ms, {} error message(s) posted",
          p.millis(),
          p.messages(BatchHostTest.ERROR).size());
      return p.millis();
    }
  }

  /**
   * Three passes over a clip whose decomposition fails; returns {pass-3 ms after its first frame,
   * jobs}.
   */
  private static long[] failedJobPasses(Path dir) throws Exception {
    HostConfig config = Fixture.hostConfig(dir);
    JobRunners failing =
        new JobRunners()
            .set(
                JobKind.DECOMPOSE,
                ctx -> {
                  throw new InputException("matte: the source's alpha is opaque everywhere");
                });
    try (EngineHost host = EngineHost.start(config, failing).orElseThrow();
        Fixture f = new Fixture(null)) {
      BatchHost batch =
          BatchHostTest.batch(f, "unix:" + config.bridgeSocket(), BatchHostTest::waitMode);
      BatchHost.Pass last = null;
      for (int pass = 1; pass <= 3; pass++) {
        last = batch.pass(FRAMES);
        LOG.warn(
            "  pass {}: {} ms ({} ms after the first frame), {} failed, jobs {}",
            pass,
            last.millis(),
            last.millis() - last.firstFrameMillis(),
            last.failures(),
            host.jobs().list().size());
      }
      return new long[] {last.millis() - last.firstFrameMillis(), host.jobs().list().size()};
    }
  }

  /**
   * @param args optionally the scenarios to run (comma-separated of baseline, broken, silent,
   *     failed; default all) and the number of runs (default 3)
   */
  public static void main(String[] args) throws Exception {
    java.util.Set<String> only =
        java.util.Set.of(
            (args.length > 0 ? args[0] : "baseline,broken,silent,failed,killed").split(","));
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : RUNS;
    long[] broken = new long[runs];
    long[] silent = new long[runs];
    long[] failed = new long[runs];
    long[] floor = new long[runs];
    long[] killed = new long[runs];
    long jobs = 0;
    for (int r = 0; r < runs; r++) {
      if (only.contains("baseline")) {
        LOG.warn("run {}: baseline (stub engine stylizes at once)", r + 1);
        floor[r] = baselinePass();
      }
      if (only.contains("broken")) {
        LOG.warn("run {}: broken launcher (exits 127)", r + 1);
        broken[r] =
            noEnginePass("echo 'styleatlas-engine: no StyleAtlas runtime found' >&2; exit 127");
      }
      if (only.contains("silent")) {
        LOG.warn("run {}: launcher that never listens", r + 1);
        silent[r] = noEnginePass("exec sleep 30");
      }
      if (only.contains("killed")) {
        LOG.warn("run {}: engine killed before frame 25", r + 1);
        try (Fixture f = new Fixture(org.styleatlas.ofx.stub.Behaviour.STYLIZE)) {
          BatchHostTest.KilledPass k = BatchHostTest.killedMidPass(f, 25);
          killed[r] = k.afterKillMillis();
          LOG.warn(
              "  ended {} ms after the kill, {} failed, {} error message(s)",
              killed[r],
              k.pass().failures(),
              k.pass().messages(BatchHostTest.ERROR).size());
        }
      }
      if (only.contains("failed")) {
        LOG.warn("run {}: clip whose decomposition failed", r + 1);
        Path dir = Files.createTempDirectory("sa-bench");
        long[] f = failedJobPasses(dir);
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        failed[r] = f[0];
        jobs = Math.max(jobs, f[1]);
      }
    }
    LOG.warn(
        "baseline 50-frame pass (stylized at once): median {} ms {}",
        median(floor),
        Arrays.toString(floor));
    LOG.warn(
        "50-frame pass, start bound {} s: broken launcher median {} ms {}; never-listening launcher median {} ms {}",
        BOUND_SECONDS,
        median(broken),
        Arrays.toString(broken),
        median(silent),
        Arrays.toString(silent));
    LOG.warn(
        "engine killed before frame 25 of 50: the pass ends median {} ms after the kill {}",
        median(killed),
        Arrays.toString(killed));
    LOG.warn(
        "failed job: pass 3 ends median {} ms after its first frame {}; jobs after 3 passes: {}",
        median(failed),
        Arrays.toString(failed),
        jobs);
  }
}
