package org.styleatlas.engine.pipeline;

import java.util.concurrent.CancellationException;
import org.styleatlas.engine.jobs.JobContext;
import org.styleatlas.engine.jobs.JobStoppedException;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.ProgressSink;

/**
 * Bridges the host's stop requests ({@link JobContext#checkStop()}, which throws) to the engine's
 * cooperative cancellation (a {@link Cancellation} flag, or a polled boolean), which stops training
 * between steps, after the step's checkpoint, and unwinds with a {@link CancellationException} once
 * the trainers' native resources are closed. {@link #rethrow} then turns that back into the host's
 * {@link JobStoppedException} with its reason.
 */
final class StopSignal {
  private final JobContext ctx;
  private final Cancellation cancellation = Cancellation.none();
  private volatile JobStoppedException stopped;

  StopSignal(JobContext ctx) {
    this.ctx = ctx;
  }

  /** Asks the host whether to stop; true (from then on) once it said so. */
  boolean poll() {
    if (stopped == null) {
      try {
        ctx.checkStop();
      } catch (JobStoppedException e) {
        stopped = e;
        cancellation.cancel();
      }
    }
    return stopped != null;
  }

  /** The flag the decomposition trainer checks between steps; set by {@link #poll()}. */
  Cancellation cancellation() {
    return cancellation;
  }

  /**
   * {@code sink} that also polls for a stop request at every update (so once per training step).
   */
  ProgressSink polling(ProgressSink sink) {
    return (task, done, total, detail) -> {
      sink.update(task, done, total, detail);
      poll();
    };
  }

  /**
   * The host's stop exception when the engine was cancelled through this signal, else {@code e}
   * itself.
   */
  RuntimeException rethrow(CancellationException e) {
    return stopped != null ? stopped : e;
  }
}
