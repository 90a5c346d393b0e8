package org.styleatlas.engine.decomposition.train;

import java.util.List;

/**
 * What one finished step reports.
 *
 * @param iteration the step's index, from 0
 * @param iterations the planned number of steps
 * @param total the loss
 * @param terms every weighted term
 * @param trainingSeconds training time so far (listeners' time excluded), in seconds
 */
public record StepMetrics(
    int iteration, int iterations, double total, List<TermValue> terms, double trainingSeconds) {
  public StepMetrics {
    terms = List.copyOf(terms);
  }
}
