package org.styleatlas.engine.synthetic;

/**
 * Where the synthetic object is in one frame: a bend of the object's texture coordinates followed
 * by an affine map from them, (u, v) in [-1, 1]², to pixel coordinates (x, y), with pixel centres
 * at integer + 0.5.
 *
 * <pre>
 *   v' = v + bend·sin(π·u)
 *   x  = cx + a·u + b·v'
 *   y  = cy + c·u + d·v'
 * </pre>
 *
 * The object is the ellipse u² + v² ≤ 1. With {@code bend} = 0 the pose is affine (rigid up to
 * scale and shear); otherwise the object curves along its long axis, a motion no affine map and no
 * smooth global mapping of few parameters follows exactly when the bend changes from frame to
 * frame.
 */
public record ObjectPose(
    double cx, double cy, double a, double b, double c, double d, double bend) {

  /** An affine pose (no bend). */
  public ObjectPose(double cx, double cy, double a, double b, double c, double d) {
    this(cx, cy, a, b, c, d, 0);
  }

  /** Pixel position (x, y) of object point (u, v). */
  public double[] toPixel(double u, double v) {
    double bent = v + bend * Math.sin(Math.PI * u);
    return new double[] {cx + a * u + b * bent, cy + c * u + d * bent};
  }

  /** Object point (u, v) under pixel position (x, y). */
  public double[] toObject(double x, double y) {
    double det = a * d - b * c;
    double dx = x - cx;
    double dy = y - cy;
    double u = (d * dx - b * dy) / det;
    double bent = (-c * dx + a * dy) / det;
    return new double[] {u, bent - bend * Math.sin(Math.PI * u)};
  }
}
