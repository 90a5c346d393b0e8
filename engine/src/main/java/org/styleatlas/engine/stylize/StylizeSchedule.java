package org.styleatlas.engine.stylize;

/**
 * The optimisation schedule (paper appendix 6.1): Adam, lr 1e-4 decayed ×0.9 every 200 iterations,
 * 2000 iterations, three frames per batch.
 *
 * @param iterations optimisation steps, ≥ 1
 * @param framesPerIteration frames sampled uniformly per step, ≥ 1 (the temporal term needs ≥ 3)
 * @param learningRate Adam's initial learning rate
 * @param decayFactor multiplier applied every {@code decayEvery} iterations, in (0, 1]
 * @param decayEvery iterations between decays, ≥ 1
 * @param seed seed of every random choice (frames, views, prefixes)
 */
public record StylizeSchedule(
    int iterations,
    int framesPerIteration,
    double learningRate,
    double decayFactor,
    int decayEvery,
    long seed) {

  public StylizeSchedule {
    if (iterations < 1 || framesPerIteration < 1 || decayEvery < 1) {
      throw new IllegalArgumentException(
          "iterations, frames per iteration and decay interval must be ≥ 1");
    }
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
    }
    if (!(decayFactor > 0 && decayFactor <= 1)) {
      throw new IllegalArgumentException("decay factor must be in (0, 1], got " + decayFactor);
    }
  }

  /** The paper's schedule with the given learning rate. */
  public static StylizeSchedule paper(double learningRate) {
    return new StylizeSchedule(2000, 3, learningRate, 0.9, 200, 0);
  }

  /** The learning rate at a 0-based iteration. */
  public double learningRateAt(int iteration) {
    return learningRate * Math.pow(decayFactor, iteration / decayEvery);
  }

  public StylizeSchedule withIterations(int n) {
    return new StylizeSchedule(n, framesPerIteration, learningRate, decayFactor, decayEvery, seed);
  }

  public StylizeSchedule withLearningRate(double lr) {
    return new StylizeSchedule(iterations, framesPerIteration, lr, decayFactor, decayEvery, seed);
  }

  public StylizeSchedule withSeed(long s) {
    return new StylizeSchedule(
        iterations, framesPerIteration, learningRate, decayFactor, decayEvery, s);
  }

  public StylizeSchedule withFrames(int f) {
    return new StylizeSchedule(iterations, f, learningRate, decayFactor, decayEvery, seed);
  }
}
