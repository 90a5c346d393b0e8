package org.styleatlas.engine.synthetic;

/**
 * Where the synthetic object is in one frame: an affine map from object texture coordinates (u, v)
 * in [-1, 1]² to pixel coordinates (x, y), with pixel centres at integer + 0.5.
 *
 * <pre>
 *   x = cx + a·u + b·v
 *   y = cy + c·u + d·v
 * </pre>
 *
 * The object is the ellipse u² + v² ≤ 1.
 */
public record ObjectPose(double cx, double cy, double a, double b, double c, double d) {

  /** Pixel position (x, y) of object point (u, v). */
  public double[] toPixel(double u, double v) {
    return new double[] {cx + a * u + b * v, cy + c * u + d * v};
  }

  /** Object point (u, v) under pixel position (x, y). */
  public double[] toObject(double x, double y) {
    double det = a * d - b * c;
    double dx = x - cx;
    double dy = y - cy;
    return new double[] {(d * dx - b * dy) / det, (-c * dx + a * dy) / det};
  }
}
