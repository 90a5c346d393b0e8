package org.styleatlas.engine.optim;

/** A learning rate per iteration. */
@FunctionalInterface
public interface LearningRateSchedule {

  double at(int iteration);

  /**
   * The rate at {@code iteration} when a time-budgeted run has used {@code budgetFraction} of its
   * budget (0 without a budget). Only {@link #exponentialDecay} uses the fraction; the others
   * ignore it.
   */
  default double at(int iteration, double budgetFraction) {
    return at(iteration);
  }

  /** The same rate throughout. */
  static LearningRateSchedule constant(double rate) {
    check(rate);
    return it -> rate;
  }

  /**
   * {@code rate · factor^floor(iteration / every)}: e.g. the seed paper's 0.9 every 200 iterations.
   */
  static LearningRateSchedule stepDecay(double rate, double factor, int every) {
    check(rate);
    if (!(factor > 0 && factor <= 1) || every < 1) {
      throw new IllegalArgumentException(
          "step decay needs factor in (0, 1] and period ≥ 1, got " + factor + ", " + every);
    }
    return it -> rate * Math.pow(factor, it / every);
  }

  /**
   * {@code rate · finalFactor^p} with {@code p = min(1, max(iteration / iterations,
   * budgetFraction))}: 1× at iteration 0, {@code finalFactor}× at the planned iterations or at the
   * end of the time budget, whichever comes first (budgeted runs plan millions of iterations and
   * stop on time). A factor of 1 is {@link #constant}.
   */
  static LearningRateSchedule exponentialDecay(double rate, double finalFactor, int iterations) {
    check(rate);
    if (!(finalFactor > 0 && finalFactor <= 1) || iterations < 1) {
      throw new IllegalArgumentException(
          "exponential decay needs a final factor in (0, 1] and iterations ≥ 1, got "
              + finalFactor
              + ", "
              + iterations);
    }
    if (finalFactor == 1) {
      return constant(rate);
    }
    return new LearningRateSchedule() {
      @Override
      public double at(int iteration) {
        return at(iteration, 0);
      }

      @Override
      public double at(int iteration, double budgetFraction) {
        double p = Math.min(1, Math.max(iteration / (double) iterations, budgetFraction));
        return rate * Math.pow(finalFactor, p);
      }
    };
  }

  private static void check(double rate) {
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + rate);
    }
  }
}
