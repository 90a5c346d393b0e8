package org.styleatlas.engine.decomposition.train;

import java.util.Optional;

/**
 * How a training loop ended.
 *
 * @param completedIterations steps done in total (including those before a resume)
 * @param stop why it stopped
 * @param last the metrics of the last step, empty when no step ran
 * @param trainingSeconds training time of this run (not counting earlier runs before a resume)
 */
public record TrainingResult(
    int completedIterations, Stop stop, Optional<StepMetrics> last, double trainingSeconds) {

  /** Why a loop stopped. */
  public enum Stop {
    /** All planned iterations ran. */
    FINISHED,
    /** The time budget ran out. */
    TIME_BUDGET,
    /** Cancelled between steps. */
    CANCELLED
  }
}
