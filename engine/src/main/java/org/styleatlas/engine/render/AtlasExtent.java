package org.styleatlas.engine.render;

/**
 * The region of atlas coordinates a discretized atlas covers: its left edge is u = u0, its right
 * edge u = u1, its top row's edge v = v0 and its bottom row's edge v = v1 (v grows downwards, like
 * rows).
 *
 * @param u0 left edge
 * @param v0 top edge
 * @param u1 right edge, &gt; u0
 * @param v1 bottom edge, &gt; v0
 */
public record AtlasExtent(double u0, double v0, double u1, double v1) {
  /** The whole atlas domain [-1, 1]². */
  public static final AtlasExtent FULL = new AtlasExtent(-1, -1, 1, 1);

  public AtlasExtent {
    if (!(u1 > u0 && v1 > v0)) {
      throw new IllegalArgumentException(
          "atlas extent must have u1 > u0 and v1 > v0, got "
              + u0
              + ".."
              + u1
              + " × "
              + v0
              + ".."
              + v1);
    }
  }

  /**
   * Fractional texel column of atlas coordinate u in a texture {@code width} texels wide (centres
   * at i + 0).
   */
  public double column(double u, int width) {
    return (u - u0) / (u1 - u0) * width - 0.5;
  }

  /** Fractional texel row of atlas coordinate v in a texture {@code height} rows high. */
  public double row(double v, int height) {
    return (v - v0) / (v1 - v0) * height - 0.5;
  }

  /** Atlas u at the centre of texel column i. */
  public double u(int i, int width) {
    return u0 + (i + 0.5) * (u1 - u0) / width;
  }

  /** Atlas v at the centre of texel row j. */
  public double v(int j, int height) {
    return v0 + (j + 0.5) * (v1 - v0) / height;
  }
}
