package org.styleatlas.engine.stylize.view;

import java.util.SplittableRandom;

/**
 * A closed range [min, max] of a sampled augmentation parameter.
 *
 * @param min lower end
 * @param max upper end, ≥ min
 */
public record Interval(double min, double max) {

  public Interval {
    if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException(
          "interval needs finite min ≤ max, got [" + min + ", " + max + "]");
    }
  }

  /** A uniform sample. */
  public double sample(SplittableRandom rnd) {
    return min == max ? min : min + (max - min) * rnd.nextDouble();
  }

  /** Whether min and max both lie in [lo, hi]. */
  public boolean within(double lo, double hi) {
    return min >= lo && max <= hi;
  }
}
