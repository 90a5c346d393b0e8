package org.styleatlas.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;

class JobExecutorTest {
  @TempDir Path dir;

  static JobSpec spec(String name, JobPriority p) {
    return new JobSpec(JobKind.DECOMPOSE, p, null, "/nonexistent/" + name, null, null, null);
  }

  private JobExecutor executor(JobRunners runners) {
    JobExecutor ex =
        new JobExecutor(
            new ContentCache(dir.resolve("cache"), 1 << 20),
            dir.resolve("state"),
            runners,
            Duration.ofSeconds(5));
    ex.start();
    return ex;
  }

  static void await(BooleanSupplier cond, String what) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  private static JobState state(JobExecutor ex, Job j) {
    return ex.get(j.id()).orElseThrow().state();
  }

  @Test
  void runsToCompletionAndAnswersTheSameOutputFromTheCache() throws Exception {
    CountingRunner runner = new CountingRunner(5, 1);
    try (JobExecutor ex = executor(new JobRunners().set(JobKind.DECOMPOSE, runner))) {
      Job j = ex.submit(spec("a", JobPriority.BATCH));
      await(() -> state(ex, j) == JobState.SUCCEEDED, "the job succeeds");
      assertEquals(1.0, ex.get(j.id()).orElseThrow().progress());
      Job again = ex.submit(spec("a", JobPriority.BATCH));
      assertEquals(JobState.SUCCEEDED, again.state(), "answered from the cache");
      assertEquals(1, runner.starts.size());
    }
  }

  @Test
  void cancelMidwayStopsTheRunnerAndDeletesItsCheckpoint() throws Exception {
    CountingRunner runner = new CountingRunner(1000, 2);
    try (JobExecutor ex = executor(new JobRunners().set(JobKind.DECOMPOSE, runner))) {
      Job j = ex.submit(spec("c", JobPriority.BATCH));
      await(() -> ex.get(j.id()).orElseThrow().progress() >= 0.02, "the job is midway");
      ex.cancel(j.id());
      await(() -> state(ex, j) == JobState.CANCELLED, "the job is cancelled");
      assertTrue(ex.get(j.id()).orElseThrow().progress() < 1.0);
      assertFalse(Files.exists(dir.resolve("state/checkpoints").resolve(j.id())));
      assertTrue(runner.finished.isEmpty());
    }
  }

  @Test
  void interactiveJobsRunBeforeBatchAndPreemptIt() throws Exception {
    CountingRunner runner = new CountingRunner(40, 2);
    try (JobExecutor ex = executor(new JobRunners().set(JobKind.DECOMPOSE, runner))) {
      Job a = ex.submit(spec("a", JobPriority.BATCH));
      await(() -> ex.get(a.id()).orElseThrow().progress() >= 0.1, "batch job a made progress");
      Job b = ex.submit(spec("b", JobPriority.BATCH));
      Job c = ex.submit(spec("c", JobPriority.INTERACTIVE));
      await(() -> runner.finished.size() == 3, "all three finish");
      assertEquals(List.of(c.id(), a.id(), b.id()), runner.finished);
      assertTrue(runner.lastStart(a.id()) > 0, "a resumed from its checkpoint: " + runner.starts);
    }
  }

  @Test
  void restartResumesAnInterruptedJobFromItsCheckpoint() throws Exception {
    CountingRunner first = new CountingRunner(200, 5);
    Job j;
    try (JobExecutor ex = executor(new JobRunners().set(JobKind.DECOMPOSE, first))) {
      j = ex.submit(spec("r", JobPriority.BATCH));
      await(() -> ex.get(j.id()).orElseThrow().progress() >= 0.05, "the job made progress");
    }
    // Without a runner the restarted job stays queued, so its stage can be read without racing the
    // trainer.
    try (JobExecutor ex = executor(JobRunners.none())) {
      assertEquals("interrupted", ex.get(j.id()).orElseThrow().stage());
    }
    CountingRunner second = new CountingRunner(200, 1);
    try (JobExecutor ex = executor(new JobRunners().set(JobKind.DECOMPOSE, second))) {
      await(() -> state(ex, j) == JobState.SUCCEEDED, "the resumed job succeeds");
      assertTrue(second.lastStart(j.id()) >= 10, "resumed at " + second.starts);
      assertEquals(2, ex.get(j.id()).orElseThrow().runs());
    }
  }

  @Test
  void withoutARunnerJobsWaitAndSayWhy() throws Exception {
    try (JobExecutor ex = executor(JobRunners.none())) {
      Job j = ex.submit(spec("w", JobPriority.BATCH));
      assertEquals(JobState.QUEUED, j.state());
      assertTrue(j.message().contains("no decompose runner"), j.message());
      assertSame(ex.submit(spec("w", JobPriority.BATCH)).id(), j.id(), "deduplicated by output");
    }
  }

  @Test
  void aFailedJobStaysFailedWithItsCauseAndIsNotQueuedAgain() throws Exception {
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    JobRunner failing =
        ctx -> {
          runs.incrementAndGet();
          throw new InputException("matte: the alpha is opaque everywhere");
        };
    try (JobExecutor ex = executor(new JobRunners().set(JobKind.DECOMPOSE, failing))) {
      Job j = ex.submit(spec("f", JobPriority.BATCH));
      await(() -> state(ex, j) == JobState.FAILED, "the job fails");
      for (int i = 0; i < 50; i++) {
        Job again = ex.submit(spec("f", i % 2 == 0 ? JobPriority.INTERACTIVE : JobPriority.BATCH));
        assertEquals(j.id(), again.id(), "the same input and settings map to the one failed job");
        assertEquals(JobState.FAILED, again.state());
        assertTrue(again.message().contains("opaque everywhere"), again.message());
      }
      assertEquals(1, runs.get(), "never run again");
      assertEquals(1, ex.list().size());
      Job other = ex.submit(spec("g", JobPriority.BATCH));
      assertFalse(other.id().equals(j.id()), "other input, other job");
      await(() -> state(ex, other) == JobState.FAILED, "the other job fails too");
      Job retried = ex.retry(j.id()).orElseThrow();
      assertFalse(retried.id().equals(j.id()), "an explicit retry queues it again");
      await(() -> state(ex, retried) == JobState.FAILED, "the retried job fails again");
      assertEquals(3, runs.get());
      assertEquals(
          retried.id(),
          ex.submit(spec("f", JobPriority.BATCH)).id(),
          "the retry's failure is the one remembered");
      assertEquals(JobState.FAILED, ex.get(j.id()).orElseThrow().state(), "the old record stays");
    }
    try (JobExecutor ex = executor(JobRunners.none())) {
      assertEquals(
          JobState.FAILED,
          ex.submit(spec("g", JobPriority.BATCH)).state(),
          "remembered across restarts");
    }
  }

  @Test
  void aStylizeJobOnAFailedDecompositionFailsAtOnce() throws Exception {
    JobRunner failing =
        ctx -> {
          throw new InputException("clip: no frames");
        };
    try (JobExecutor ex = executor(new JobRunners().set(JobKind.DECOMPOSE, failing))) {
      Job d = ex.submit(spec("s", JobPriority.BATCH));
      await(() -> state(ex, d) == JobState.FAILED, "the decomposition fails");
      StyleSettings style =
          new StyleSettings("gold", "", "", 4, "standard", 0, 0, 1, 1, 1, 1, false);
      JobSpec stylize =
          new JobSpec(
              JobKind.STYLIZE, JobPriority.BATCH, null, "/nonexistent/s", null, null, style);
      Job s = ex.submit(stylize);
      assertEquals(JobState.FAILED, s.state());
      assertTrue(s.message().contains("its decomposition failed: clip: no frames"), s.message());
      assertEquals(s.id(), ex.submit(stylize).id());
    }
  }

  @Test
  void finishedJobRecordsAreBounded() throws Exception {
    try (JobExecutor ex =
        executor(
            new JobRunners()
                .set(
                    JobKind.DECOMPOSE,
                    ctx -> {
                      throw new InputException("bad");
                    }))) {
      int n = JobExecutor.MAX_FINISHED + 30;
      for (int i = 0; i < n; i++) {
        Job j = ex.submit(spec("b" + i, JobPriority.BATCH));
        await(() -> state(ex, j) == JobState.FAILED, "job " + j.id() + " fails");
      }
      ex.submit(spec("last", JobPriority.BATCH));
      assertTrue(
          ex.list().size() <= JobExecutor.MAX_FINISHED + 1,
          "records in memory: " + ex.list().size());
      try (var files = Files.list(dir.resolve("state/jobs"))) {
        long records = files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        assertTrue(records <= JobExecutor.MAX_FINISHED + 1, "records on disk: " + records);
      }
    }
  }

  @Test
  void aJobOfAKindThisBuildCannotRunFailsAndSaysSo() throws Exception {
    JobRunners stylizeOnly = new JobRunners().set(JobKind.STYLIZE, new CountingRunner(1, 1));
    try (JobExecutor ex = executor(stylizeOnly)) {
      Job j = ex.submit(spec("k", JobPriority.BATCH));
      assertEquals(JobState.FAILED, j.state(), "failed at once, not queued forever");
      assertEquals(
          "no decompose runner is installed in this build, so the job cannot run (this build"
              + " runs: stylize)",
          j.message());
    }
    Job waiting;
    try (JobExecutor ex = executor(JobRunners.none())) {
      waiting = ex.submit(spec("later", JobPriority.BATCH));
      assertEquals(JobState.QUEUED, waiting.state(), "a build without runners leaves it waiting");
    }
    try (JobExecutor ex = executor(stylizeOnly)) {
      Job restored = ex.get(waiting.id()).orElseThrow();
      assertEquals(JobState.FAILED, restored.state(), "a restored job of that kind fails too");
      assertTrue(restored.message().startsWith("no decompose runner"), restored.message());
    }
  }

  @Test
  void aRenderOnlyCopyRunsNothingButOffersTheBuildsKinds() throws Exception {
    JobRunners build =
        new JobRunners()
            .set(JobKind.DECOMPOSE, new CountingRunner(1, 1))
            .set(JobKind.PREVIEW, new CountingRunner(1, 1));
    JobRunners renderOnly = build.renderOnly();
    assertTrue(renderOnly.runsNoJobs());
    assertTrue(renderOnly.runner(JobKind.PREVIEW).isEmpty());
    assertTrue(renderOnly.offers(JobKind.PREVIEW), "the farm's trainers run previews");
    assertFalse(renderOnly.offers(JobKind.STYLIZE), "not a kind of this build");
    try (JobExecutor ex = executor(renderOnly)) {
      Job j = ex.submit(spec("r", JobPriority.BATCH));
      assertEquals(JobState.QUEUED, j.state(), "left for an engine that trains");
    }
  }

  @Test
  void aRecordIsSavedInTheOrderItsChangesWereMade() throws Exception {
    java.util.concurrent.CountDownLatch slowSaveStarted =
        new java.util.concurrent.CountDownLatch(1);
    JobStore slow =
        new JobStore(dir.resolve("jobs")) {
          @Override
          public void save(Job job) {
            if (job.stage().equals("slow")) {
              slowSaveStarted.countDown();
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            super.save(job);
          }
        };
    LocalJobBoard board = new LocalJobBoard(slow);
    long now = System.currentTimeMillis();
    Job j =
        new Job(
            "j-0123456789abcdef",
            spec("o", JobPriority.BATCH),
            JobState.RUNNING,
            0,
            "starting",
            "",
            new org.styleatlas.engine.cache.CacheKey("decomposition", "ab".repeat(32)),
            1,
            now,
            now);
    board.put(j);
    Thread progress =
        new Thread(
            () -> board.update(j.id(), x -> x.with(JobState.RUNNING, 0.5, "slow", ""), true));
    progress.start();
    slowSaveStarted.await();
    board.update(j.id(), x -> x.with(JobState.SUCCEEDED, 1, "done", ""), true);
    progress.join();
    Job onDisk = slow.loadAll().get(0);
    assertEquals(board.get(j.id()).orElseThrow(), onDisk, "the disk holds the latest change");
    assertEquals(JobState.SUCCEEDED, onDisk.state());
  }

  @Test
  void badSpecsNameTheirInput() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> new JobSpec(JobKind.DECOMPOSE, null, null, "/a/../etc", null, null, null));
    assertTrue(e.getMessage().startsWith("source:"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () ->
                new JobSpec(
                    JobKind.STYLIZE, null, null, "/a", null, null, StyleSettings.defaults()));
    assertTrue(e.getMessage().startsWith("params.prompt:"), e.getMessage());
  }
}
