package org.styleatlas.engine.runtime;

/**
 * Receives progress of long work (loading, decomposing, stylizing, rendering). The CLI shows it as
 * a progress bar, the host as job events. Implementations must be cheap and thread-safe.
 */
@FunctionalInterface
public interface ProgressSink {

  /** Ignores all progress. */
  ProgressSink NONE = (task, done, total, detail) -> {};

  /**
   * Reports that {@code done} of {@code total} units of {@code task} are finished.
   *
   * @param task a short, stable task name such as "decompose" or "stylize"
   * @param done units finished, 0 ≤ done ≤ total
   * @param total units in all, &gt; 0
   * @param detail a short human-readable status, e.g. "loss 0.0123 psnr 27.1 dB"; may be empty
   */
  void update(String task, long done, long total, String detail);
}
