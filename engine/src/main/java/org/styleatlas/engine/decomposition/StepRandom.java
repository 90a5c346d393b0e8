package org.styleatlas.engine.decomposition;

import java.util.SplittableRandom;

/**
 * Per-step random streams derived from (seed, phase, iteration) only, so resumed runs repeat
 * exactly.
 */
final class StepRandom {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private StepRandom() {}

  static SplittableRandom of(long seed, int phase, int iteration) {
    return new SplittableRandom(seed * GOLDEN + (((long) phase << 32) | iteration));
  }
}
