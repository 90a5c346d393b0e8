package org.styleatlas.engine.decomposition.train;

import org.styleatlas.engine.runtime.ProgressSink;

/** Forwards training progress to a {@link ProgressSink}, with the loss as detail. */
public final class ProgressListener implements TrainingListener {
  private final ProgressSink sink;
  private final String task;

  public ProgressListener(ProgressSink sink, String task) {
    this.sink = sink;
    this.task = task;
  }

  @Override
  public void onStep(StepMetrics m) {
    sink.update(
        task,
        m.iteration() + 1L,
        Math.max(1, m.iterations()),
        String.format("loss %.4g", m.total()));
  }
}
