package org.styleatlas.engine.jobs;

import java.nio.file.Path;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.runtime.ProgressSink;

/**
 * What a {@link JobRunner} gets: its inputs, where to write, how to report, when to stop.
 *
 * <p>The contract: write the result with {@code cache().getOrCreate(outputKey(), dir -> ...)}; save
 * resumable state into {@link #checkpointDir()} (with {@code AtomicFiles.write}) every few steps;
 * call {@link #checkStop()} between steps, right after a checkpoint if possible. Everything runs on
 * the executor's single trainer thread.
 */
public interface JobContext {

  String jobId();

  JobSpec spec();

  /** The cache entry this job must create. */
  CacheKey outputKey();

  ContentCache cache();

  /**
   * Collected clips (when {@code spec().clip()} is set, load it with {@code clips().load(...)}).
   */
  ClipStore clips();

  /**
   * A folder private to this job that survives engine restarts; empty on the first run. It is
   * deleted when the job succeeds or is cancelled.
   */
  Path checkpointDir();

  /**
   * Whether this run continues an earlier, interrupted run (the checkpoint folder is not empty).
   */
  boolean resumed();

  /**
   * Reports progress.
   *
   * @param stage short and stable, e.g. "decomposing"
   * @param fraction 0 … 1 of this job
   * @param message short human-readable status, e.g. "step 400/2000, loss 0.012"
   */
  void progress(String stage, double fraction, String message);

  /** The same as {@link #progress}, shaped as the engine's {@link ProgressSink}. */
  default ProgressSink progressSink() {
    return (task, done, total, detail) ->
        progress(task, total > 0 ? (double) done / total : 0, detail);
  }

  /**
   * Returns when the job may go on; throws when it must stop (cancel, shutdown, or a waiting
   * interactive job preempting this batch job).
   *
   * @throws JobStoppedException to be propagated by the runner
   */
  void checkStop();
}
