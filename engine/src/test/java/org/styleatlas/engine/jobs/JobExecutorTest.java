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
    JobExecutor ex = new JobExecutor(new ContentCache(dir.resolve("cache"), 1 << 20), dir.resolve("state"),
        runners, Duration.ofSeconds(5));
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
    // Without a runner the restarted job stays queued, so its stage can be read without racing the trainer.
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
  void badSpecsNameTheirInput() {
    InputException e = assertThrows(InputException.class,
        () -> new JobSpec(JobKind.DECOMPOSE, null, null, "/a/../etc", null, null, null));
    assertTrue(e.getMessage().startsWith("source:"), e.getMessage());
    e = assertThrows(InputException.class,
        () -> new JobSpec(JobKind.STYLIZE, null, null, "/a", null, null, StyleSettings.defaults()));
    assertTrue(e.getMessage().startsWith("params.prompt:"), e.getMessage());
  }
}
