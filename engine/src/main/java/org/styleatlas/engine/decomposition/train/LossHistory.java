package org.styleatlas.engine.decomposition.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records the metrics it is given: the loss curve of a run. Thread-safe for reading after the run.
 */
public final class LossHistory implements TrainingListener {
  private final List<StepMetrics> points = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void onStep(StepMetrics metrics) {
    points.add(metrics);
  }

  /** The recorded points, in order. */
  public List<StepMetrics> points() {
    synchronized (points) {
      return List.copyOf(points);
    }
  }
}
