package org.styleatlas.engine.math;

import java.util.Optional;

/** Small dense linear systems, solved by Gaussian elimination with partial pivoting. */
public final class LinearSystem {
  private static final double SINGULAR = 1e-12;

  private LinearSystem() {}

  /**
   * Solves the n×(n+1) augmented system {@code [A | b]} for x with A·x = b. The rows are modified.
   *
   * @return x, or empty when a pivot is below 1e-12 in magnitude (A singular or nearly so)
   */
  public static Optional<double[]> solve(double[][] augmented) {
    double[][] a = augmented;
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < SINGULAR) {
        return Optional.empty();
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = a[i][n] / a[i][i];
    }
    return Optional.of(x);
  }
}
