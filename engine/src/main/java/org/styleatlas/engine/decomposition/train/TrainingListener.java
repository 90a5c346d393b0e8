package org.styleatlas.engine.decomposition.train;

/** Observes training; called on the training thread between steps. */
public interface TrainingListener {

  /**
   * Called after every step whose index + 1 is a multiple of the listener's period, and after the
   * last.
   */
  void onStep(StepMetrics metrics);

  /** Called once when the loop ends, cancelled or not. */
  default void onEnd(TrainingResult result) {}
}
