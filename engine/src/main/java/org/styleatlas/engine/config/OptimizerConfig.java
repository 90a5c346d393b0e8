package org.styleatlas.engine.config;

/**
 * Adam settings of the decomposition.
 *
 * @param mlpLearningRate learning rate of MLP weights
 * @param tableLearningRate learning rate of hash tables
 * @param beta1 Adam β1
 * @param beta2 Adam β2
 * @param epsilon Adam ε
 */
public record OptimizerConfig(double mlpLearningRate, double tableLearningRate, double beta1, double beta2,
    double epsilon) {
  public OptimizerConfig {
    if (!(mlpLearningRate > 0) || !(tableLearningRate > 0)) {
      throw new IllegalArgumentException("learning rates must be positive, got " + mlpLearningRate + ", "
          + tableLearningRate);
    }
  }

  /** NLA: Adam at 1e-4 with PyTorch's defaults. */
  public static OptimizerConfig nla() {
    return new OptimizerConfig(1e-4, 1e-4, 0.9, 0.999, 1e-8);
  }
}
