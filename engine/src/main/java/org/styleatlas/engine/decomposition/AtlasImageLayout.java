package org.styleatlas.engine.decomposition;

import org.styleatlas.engine.decomposition.loss.Layer;

/**
 * A discretised atlas image and how its pixels relate to atlas coordinates. The image covers the
 * used region [u0, u1] × [v0, v1] of the atlas; column i's centre is at u = u0 + (i + 0.5)·(u1 −
 * u0)/width and row j's centre at v = v0 + (j + 0.5)·(v1 − v0)/height (v grows downwards, like
 * image rows).
 *
 * @param layer which layer
 * @param file the PNG's file name inside the decomposition folder
 * @param u0 left edge in u
 * @param v0 top edge in v
 * @param u1 right edge in u
 * @param v1 bottom edge in v
 * @param width image width in pixels
 * @param height image height in pixels
 */
public record AtlasImageLayout(
    Layer layer, String file, double u0, double v0, double u1, double v1, int width, int height) {

  /** Atlas coordinates (u, v) of the centre of pixel (i, j) (fractional pixels allowed). */
  public double[] pixelToUv(double i, double j) {
    return new double[] {u0 + (i + 0.5) * (u1 - u0) / width, v0 + (j + 0.5) * (v1 - v0) / height};
  }

  /** Fractional pixel position (i, j) of atlas point (u, v); inverse of {@link #pixelToUv}. */
  public double[] uvToPixel(double u, double v) {
    return new double[] {(u - u0) * width / (u1 - u0) - 0.5, (v - v0) * height / (v1 - v0) - 0.5};
  }
}
