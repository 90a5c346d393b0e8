package org.styleatlas.engine.runtime;

import java.util.Arrays;

/**
 * The spread of a benchmark figure over repeated runs (for example iterations or frames per
 * second).
 *
 * @param median the middle value (the upper middle for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param runs how many runs were measured
 */
public record RunStats(double median, double min, double max, int runs) {

  /** The statistics of {@code values}, one per run; at least one. */
  public static RunStats of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no runs measured");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new RunStats(
        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  /** {@code median (min .., max ..)} with the given number of decimals. */
  public String format(int decimals) {
    String f = "%." + decimals + "f";
    return String.format(
        java.util.Locale.ROOT, f + " (min " + f + ", max " + f + ")", median, min, max);
  }
}
