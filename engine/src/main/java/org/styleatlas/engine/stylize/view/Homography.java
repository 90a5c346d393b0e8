package org.styleatlas.engine.stylize.view;

import org.styleatlas.engine.math.LinearSystem;

/**
 * A plane projective map, {@code (x, y) ↦ ((a·x + b·y + c)/(g·x + h·y + 1), (d·x + e·y + f)/(g·x +
 * h·y + 1))}.
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
    return new Homography(
        LinearSystem.solve(a)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "homography points are degenerate (three or more collinear)")));
  }

  /** The image of (x, y). */
  public double[] apply(double x, double y) {
    double w = m[6] * x + m[7] * y + 1;
    return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
  }
}
