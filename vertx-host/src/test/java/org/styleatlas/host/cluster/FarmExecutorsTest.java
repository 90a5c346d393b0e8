package org.styleatlas.host.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.CountingRunner;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobContext;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobRunner;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobState;

/**
 * Two job executors on one farm board (two Hazelcast members in this JVM) and one cache folder:
 * every job runs exactly once on one of them, a submission on the other engine finds the running
 * job, and a job is cancelled from the engine that does not run it; the records survive a restart
 * of the whole farm; a CPU trainer leaves jobs to a free GPU trainer.
 */
class FarmExecutorsTest {
  @TempDir Path dir;

  /** Steps of a counting job in the restart test (10 ms each). */
  private static final int STEPS = 150;

  private static JobSpec spec(String name) {
    return new JobSpec(
        JobKind.DECOMPOSE, JobPriority.BATCH, null, "/clips/" + name, null, null, null);
  }

  private static JobState state(JobExecutor ex, Job j) {
    return ex.get(j.id()).map(Job::state).orElse(null);
  }

  @Test
  void jobsRunOnceAnywhereAndAreCancelledFromAnyEngine() throws Exception {
    CountingRunner onA = new CountingRunner(300, 10);
    CountingRunner onB = new CountingRunner(300, 10);
    try (HazelcastPair pair = new HazelcastPair(dir.resolve("farm"));
        JobExecutor a = executor(pair.boards.get(0), "a", onA);
        JobExecutor b = executor(pair.boards.get(1), "b", onB)) {
      List<Job> jobs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        jobs.add(a.submit(spec("clip" + i)));
      }
      for (Job j : jobs) {
        TestFarm.await(() -> state(b, j) == JobState.SUCCEEDED, j.id() + " succeeds", 60);
      }
      List<String> starts = new ArrayList<>(onA.starts);
      starts.addAll(onB.starts);
      assertEquals(4, starts.size(), "each job started once, on one engine: " + starts);

      Job longJob = a.submit(spec("long"));
      TestFarm.await(() -> state(b, longJob) == JobState.RUNNING, "the long job runs", 30);
      assertEquals(longJob.id(), b.submit(spec("long")).id(), "one job per output in the farm");
      boolean onEngineA = onA.starts.stream().anyMatch(s -> s.startsWith(longJob.id()));
      JobExecutor other = onEngineA ? b : a;
      other.cancel(longJob.id());
      TestFarm.await(
          () -> state(a, longJob) == JobState.CANCELLED && state(b, longJob) == JobState.CANCELLED,
          "cancelled from the engine that does not run it",
          30);
      assertFalse(onA.finished.contains(longJob.id()) || onB.finished.contains(longJob.id()));
    }
  }

  @Test
  void theRecordsSurviveARestartOfTheWholeFarmAndTheUnfinishedJobResumes() throws Exception {
    Job shortJob;
    Job longJob;
    int stoppedAt;
    CountingRunner first = new CountingRunner(STEPS, 10);
    try (HazelcastPair pair = new HazelcastPair(dir.resolve("farm"));
        JobExecutor a = executor(pair.boards.get(0), "a", first);
        JobExecutor b = executor(pair.boards.get(1), "b", first)) {
      shortJob = a.submit(spec("short"));
      TestFarm.await(() -> state(b, shortJob) == JobState.SUCCEEDED, "the short job succeeds", 60);
      longJob = b.submit(spec("long"));
      TestFarm.await(
          () -> b.get(longJob.id()).map(j -> j.progress() > 0.1).orElse(false),
          "the long job is under way",
          60);
      a.close();
      b.close();
      stoppedAt = (int) Math.round(a.get(longJob.id()).orElseThrow().progress() * STEPS);
    }
    // Every engine of the farm stopped: the farm's memory is gone. Start it again (new members).
    CountingRunner again = new CountingRunner(STEPS, 10);
    try (HazelcastPair pair = new HazelcastPair(dir.resolve("farm"));
        JobExecutor a = executor(pair.boards.get(0), "a", again);
        JobExecutor b = executor(pair.boards.get(1), "b", again)) {
      assertEquals(
          JobState.SUCCEEDED,
          state(b, shortJob),
          "the finished job's record came back: " + b.list());
      TestFarm.await(
          () -> state(a, longJob) == JobState.SUCCEEDED, "the unfinished job finishes", 60);
      assertEquals(List.of(longJob.id()), again.finished, "only the unfinished job ran again");
      assertTrue(
          again.lastStart(longJob.id()) >= stoppedAt - 5,
          "resumed from its checkpoint ("
              + again.lastStart(longJob.id())
              + "), not from 0; stopped near "
              + stoppedAt);
      assertEquals(2, a.get(longJob.id()).orElseThrow().runs(), "its second run");
      assertEquals(2, b.list().size(), "both records, once each: " + b.list());
    }
  }

  @Test
  void aCpuTrainerLeavesQueuedJobsToAFreeGpuTrainerAndTakesThemWhenItIsBusy() throws Exception {
    HoldingRunner gpuRuns = new HoldingRunner();
    HoldingRunner cpuRuns = new HoldingRunner();
    try (HazelcastPair pair = new HazelcastPair(dir.resolve("farm"))) {
      // A simulated device capability (what cluster.device declares); the jobs really run.
      pair.boards.get(0).declareTrainer(true, Duration.ZERO);
      pair.boards.get(1).declareTrainer(false, Duration.ofSeconds(30));
      try (JobExecutor gpu = executor(pair.boards.get(0), "gpu", gpuRuns);
          JobExecutor cpu = executor(pair.boards.get(1), "cpu", cpuRuns)) {
        for (int i = 0; i < 3; i++) {
          Job j = cpu.submit(spec("free-gpu-" + i)); // submitted on the CPU host, which is free
          TestFarm.await(() -> state(cpu, j) == JobState.SUCCEEDED, j.id() + " succeeds", 30);
        }
        assertEquals(3, gpuRuns.starts.size(), "the free GPU trainer ran them all");
        assertEquals(List.of(), cpuRuns.starts, "the CPU trainer left them to the GPU trainer");

        Job busy = gpu.submit(spec(HoldingRunner.HOLD));
        TestFarm.await(() -> state(cpu, busy) == JobState.RUNNING, "the GPU trainer is busy", 30);
        long t0 = System.nanoTime();
        Job next = gpu.submit(spec("gpu-busy"));
        TestFarm.await(
            () -> state(cpu, next) == JobState.SUCCEEDED, "the CPU trainer takes it", 20);
        double waited = (System.nanoTime() - t0) / 1e9;
        assertEquals(List.of(next.id()), cpuRuns.starts, "the CPU trainer ran it");
        assertTrue(waited < 15, "without waiting for its 30 s grace: " + waited + " s");
        assertEquals(busy.id(), gpuRuns.starts.get(3), "the GPU trainer held the long job");
        gpu.cancel(busy.id());
      }
    }
  }

  /**
   * Runs a job for 50 ms (one whose clip is {@link #HOLD}: until it is stopped) and writes its
   * result; records the id of every job it starts.
   */
  private static final class HoldingRunner implements JobRunner {
    static final String HOLD = "hold";
    final List<String> starts = new CopyOnWriteArrayList<>();

    @Override
    public void run(JobContext ctx) throws Exception {
      starts.add(ctx.jobId());
      long end =
          System.nanoTime() + (ctx.spec().source().endsWith(HOLD) ? 120_000 : 50) * 1_000_000L;
      while (System.nanoTime() < end) {
        ctx.checkStop();
        Thread.sleep(10);
      }
      ctx.cache().getOrCreate(ctx.outputKey(), d -> Files.writeString(d.resolve("done"), "1"));
    }
  }

  private JobExecutor executor(HazelcastJobBoard board, String name, JobRunner runner) {
    JobExecutor ex =
        new JobExecutor(
            new ContentCache(dir.resolve("cache"), 1 << 24),
            dir.resolve(name),
            board,
            new JobRunners().set(JobKind.DECOMPOSE, runner),
            Duration.ofSeconds(5));
    ex.start();
    return ex;
  }
}
