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

  private static void check(double rate) {
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + rate);
    }
  }
}
