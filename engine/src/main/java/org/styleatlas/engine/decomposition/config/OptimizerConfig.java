package org.styleatlas.engine.decomposition.config;

/**
 * Adam settings of the decomposition.
 *
 * @param mlpLearningRate learning rate of MLP weights
 * @param tableLearningRate learning rate of hash tables
 * @param beta1 Adam β1
 * @param beta2 Adam β2
 * @param epsilon Adam ε
 * @param finalRateFactor the main phase's rates decay exponentially from 1× at the first iteration
 *     to this factor at the last planned one or at the end of the time budget, whichever comes
 *     first; in (0, 1]; 1 = constant rates (NLA). Pre-training keeps constant rates.
 */
public record OptimizerConfig(
    double mlpLearningRate,
    double tableLearningRate,
    double beta1,
    double beta2,
    double epsilon,
    double finalRateFactor) {
  public OptimizerConfig {
    if (!(mlpLearningRate > 0) || !(tableLearningRate > 0)) {
      throw new IllegalArgumentException(
          "learning rates must be positive, got " + mlpLearningRate + ", " + tableLearningRate);
    }
    if (!(finalRateFactor > 0 && finalRateFactor <= 1)) {
      throw new IllegalArgumentException(
          "final learning-rate factor must be in (0, 1], got " + finalRateFactor);
    }
  }

  /** NLA: Adam at 1e-4 with PyTorch's defaults, constant rates. */
  public static OptimizerConfig nla() {
    return new OptimizerConfig(1e-4, 1e-4, 0.9, 0.999, 1e-8, 1.0);
  }

  public OptimizerConfig withFinalRateFactor(double f) {
    return new OptimizerConfig(mlpLearningRate, tableLearningRate, beta1, beta2, epsilon, f);
  }
}
