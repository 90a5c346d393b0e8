package org.styleatlas.engine.flow;

/**
 * Least-squares affine map between two point sets in the plane: {@code (x, y) → (x', y')} as six
 * numbers {@code x' = a0 + a1·x + a2·y}, {@code y' = a3 + a4·x + a5·y} (see {@link LayerMotion}).
 * Coordinates are centred first for conditioning; when the points are degenerate (collinear, or all
 * equal) the fit is the mean translation.
 */
final class AffineFit {
  private static final double DEGENERATE = 1e-9;

  private AffineFit() {}

  /** Fits the points {@code i < n} with {@code keep[i]}; a translation if fewer than 3 are kept. */
  static double[] fit(double[] xs, double[] ys, double[] xt, double[] yt, boolean[] keep, int n) {
    double cx = 0;
    double cy = 0;
    double tx = 0;
    double ty = 0;
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        cx += xs[i];
        cy += ys[i];
        tx += xt[i];
        ty += yt[i];
        m++;
      }
    }
    if (m == 0) {
      return new double[] {0, 1, 0, 0, 0, 1};
    }
    cx /= m;
    cy /= m;
    tx /= m;
    ty /= m;
    // Normal equations of the centred linear part: [sxx sxy; sxy syy] · [p; q] = [sx·t; sy·t].
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    double sxu = 0;
    double syu = 0;
    double sxv = 0;
    double syv = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        double x = xs[i] - cx;
        double y = ys[i] - cy;
        double u = xt[i] - tx;
        double v = yt[i] - ty;
        sxx += x * x;
        sxy += x * y;
        syy += y * y;
        sxu += x * u;
        syu += y * u;
        sxv += x * v;
        syv += y * v;
      }
    }
    double det = sxx * syy - sxy * sxy;
    if (m < 3 || Math.abs(det) <= DEGENERATE * Math.max(1, sxx * syy)) {
      return new double[] {tx - cx, 1, 0, ty - cy, 0, 1};
    }
    double a1 = (syy * sxu - sxy * syu) / det;
    double a2 = (sxx * syu - sxy * sxu) / det;
    double a4 = (syy * sxv - sxy * syv) / det;
    double a5 = (sxx * syv - sxy * sxv) / det;
    return new double[] {tx - a1 * cx - a2 * cy, a1, a2, ty - a4 * cx - a5 * cy, a4, a5};
  }
}
