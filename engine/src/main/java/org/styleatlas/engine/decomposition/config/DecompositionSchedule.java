package org.styleatlas.engine.decomposition.config;

/**
 * How long and how the decomposition trains.
 *
 * @param iterations main-phase steps
 * @param pretrainIterations mapping pre-training steps before the main phase
 * @param batchPixels pixels sampled per step
 * @param seed seed of the initialisation and of every sample: the same seed gives the same run
 * @param checkpointEvery save a checkpoint after this many steps
 */
public record DecompositionSchedule(
    int iterations, int pretrainIterations, int batchPixels, long seed, int checkpointEvery) {
  public DecompositionSchedule {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be ≥ 1, got " + iterations);
    }
    if (pretrainIterations < 0 || batchPixels < 16 || checkpointEvery < 1) {
      throw new IllegalArgumentException(
          "bad schedule: pretrain "
              + pretrainIterations
              + ", batch "
              + batchPixels
              + ", checkpoint every "
              + checkpointEvery);
    }
  }

  public DecompositionSchedule withIterations(int n) {
    return new DecompositionSchedule(n, pretrainIterations, batchPixels, seed, checkpointEvery);
  }

  public DecompositionSchedule withSeed(long s) {
    return new DecompositionSchedule(
        iterations, pretrainIterations, batchPixels, s, checkpointEvery);
  }
}
