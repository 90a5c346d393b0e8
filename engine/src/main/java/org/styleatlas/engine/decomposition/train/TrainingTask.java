package org.styleatlas.engine.decomposition.train;

import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.styleatlas.engine.optim.ParameterGroup;

/** What a {@link Trainer} optimises: a loss per step and the parameters it depends on. */
public interface TrainingTask {

  /**
   * The loss of step {@code iteration}, called inside an open gradient collector: create every
   * input array here, on {@code step} (closed after the update). Must be a deterministic function
   * of the parameters and the iteration, so resumed runs match uninterrupted ones.
   */
  StepLoss loss(NDManager step, int iteration);

  /** The parameters to update, grouped by learning-rate schedule. */
  List<ParameterGroup> parameterGroups();

  /** Writes the trained weights (for checkpoints). */
  void saveWeights(DataOutputStream out) throws IOException;

  /** Reads weights written by {@link #saveWeights}. */
  void loadWeights(NDManager manager, DataInputStream in) throws IOException;
}
