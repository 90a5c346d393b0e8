package org.styleatlas.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.runtime.Cancellation;

/**
 * Makes Ctrl-C (SIGINT) and SIGTERM stop long training between steps instead of killing it
 * mid-step.
 *
 * <p>While {@link #run} executes its work, a JVM shutdown hook is registered. When the JVM starts
 * to shut down, the hook sets the {@link Cancellation}; the trainer sees it between two steps,
 * writes its checkpoint and unwinds with a {@link CancellationException}, whose message says where
 * the checkpoint is and that the same command resumes from it. The hook holds the JVM's exit until
 * then, for at most {@code grace}: work that does not check the flag (optical flow, pre-training,
 * encoding) is cut off when the grace runs out, and everything it had written is in the cache
 * already (writes are atomic).
 */
final class InterruptGuard {
  private static final Logger LOG = LoggerFactory.getLogger(InterruptGuard.class);

  /** How long an interrupted command may take to reach its next checkpoint. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);

  private InterruptGuard() {}

  /**
   * Runs {@code work} with the interrupt hook in place.
   *
   * @param cancellation the flag the work's trainer polls between steps
   * @param grace the longest time the hook holds the JVM's exit
   * @param progress the command's progress display; the interruption is reported through it (its
   *     bar ended first, the line flushed before the hook lets the JVM exit)
   * @throws CancellationException when interrupted, after its message was printed through {@code
   *     progress}
   */
  static <T> T run(
      Cancellation cancellation, Duration grace, TerminalProgress progress, Callable<T> work)
      throws Exception {
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(() -> holdExit(cancellation, grace, progress, finished), "styleatlas-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return work.call();
    } catch (CancellationException e) {
      progress.println("interrupted: " + e.getMessage());
      throw e;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it returns now that the work has finished.
      }
    }
  }

  private static void holdExit(
      Cancellation cancellation,
      Duration grace,
      TerminalProgress progress,
      CountDownLatch finished) {
    cancellation.cancel();
    try {
      progress.println("stopping after the current step (at most " + grace.toSeconds() + " s) ...");
    } catch (RuntimeException e) {
      LOG.debug("could not print the stopping notice", e); // the wait below must happen regardless
    }
    try {
      if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "the work did not stop within {} s of the interrupt; exiting without a new checkpoint",
            grace.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
