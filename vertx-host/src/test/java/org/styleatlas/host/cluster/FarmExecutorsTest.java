package org.styleatlas.host.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.CountingRunner;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobState;

/**
 * Two job executors on one farm board (two Hazelcast members in this JVM) and one cache folder:
 * every job runs exactly once on one of them, a submission on the other engine finds the running
 * job, and a job is cancelled from the engine that does not run it.
 */
class FarmExecutorsTest {
  @TempDir Path dir;

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
    try (HazelcastPair pair = new HazelcastPair();
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

  private JobExecutor executor(HazelcastJobBoard board, String name, CountingRunner runner) {
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
