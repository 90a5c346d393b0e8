package org.styleatlas.engine.train;

/** A learning rate per iteration. */
@FunctionalInterface
public interface LearningRateSchedule {

  double at(int iteration);

  /** The same rate throughout. */
  static LearningRateSchedule constant(double rate) {
    check(rate);
    return it -> rate;
  }

  /** {@code rate · factor^floor(iteration / every)}: e.g. the seed paper's 0.9 every 200 iterations. */
  static LearningRateSchedule stepDecay(double rate, double factor, int every) {
    check(rate);
    if (!(factor > 0 && factor <= 1) || every < 1) {
      throw new IllegalArgumentException("step decay needs factor in (0, 1] and period ≥ 1, got " + factor + ", "
          + every);
    }
    return it -> rate * Math.pow(factor, it / every);
  }

  /**
   * {@code rate · finalFactor^(min(iteration, iterations) / iterations)}: 1× at iteration 0, {@code finalFactor}×
   * at {@code iterations} and after. A factor of 1 is {@link #constant}.
   */
  static LearningRateSchedule exponentialDecay(double rate, double finalFactor, int iterations) {
    check(rate);
    if (!(finalFactor > 0 && finalFactor <= 1) || iterations < 1) {
      throw new IllegalArgumentException("exponential decay needs a final factor in (0, 1] and iterations ≥ 1, got "
          + finalFactor + ", " + iterations);
    }
    if (finalFactor == 1) {
      return constant(rate);
    }
    return it -> rate * Math.pow(finalFactor, Math.min(it, iterations) / (double) iterations);
  }

  private static void check(double rate) {
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + rate);
    }
  }
}
