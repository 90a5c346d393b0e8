package org.styleatlas.engine.stylize;

/**
 * A plane projective map, {@code (x, y) ↦ ((a·x + b·y + c)/(g·x + h·y + 1), (d·x + e·y + f)/(g·x + h·y + 1))}.
 *
 * @param m the eight coefficients a, b, c, d, e, f, g, h
 */
public record Homography(double[] m) {

  public Homography {
    if (m.length != 8) {
      throw new IllegalArgumentException("a homography has 8 coefficients, got " + m.length);
    }
  }

  /** The identity map. */
  public static Homography identity() {
    return new Homography(new double[] {1, 0, 0, 0, 1, 0, 0, 0});
  }

  /**
   * The map that sends each {@code from[i]} to {@code to[i]}, for four points in general position.
   *
   * @param from four points {x, y}
   * @param to their images
   */
  public static Homography fromPoints(double[][] from, double[][] to) {
    double[][] a = new double[8][9];
    for (int i = 0; i < 4; i++) {
      double x = from[i][0];
      double y = from[i][1];
      double u = to[i][0];
      double v = to[i][1];
      a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
      a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
    }
    return new Homography(solve(a));
  }

  /** The image of (x, y). */
  public double[] apply(double x, double y) {
    double w = m[6] * x + m[7] * y + 1;
    return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
  }

  /** Gaussian elimination with partial pivoting on an 8x9 augmented matrix. */
  private static double[] solve(double[][] a) {
    int n = 8;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-12) {
        throw new IllegalArgumentException("homography points are degenerate (three or more collinear)");
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
    return x;
  }
}
