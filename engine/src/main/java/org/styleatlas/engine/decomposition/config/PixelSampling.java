package org.styleatlas.engine.decomposition.config;

/**
 * How the main phase draws its pixels each step.
 *
 * @param errorShare share of each batch drawn from tiles in proportion to their current
 *     reconstruction error (the rest uniformly over the clip); 0 = uniform batches, as NLA
 * @param tilePixels side of the square tiles the error is tracked on, in pixels
 * @param edgeWeight a tile the matte's outline crosses weighs as if its error were this many times
 *     the mean tile error higher (the object's outline, where α and the two layers meet); 0 = none
 * @param errorDecay each observation moves a tile's error estimate this far towards the observed
 *     mean squared error of its pixels in the batch, in (0, 1]
 */
public record PixelSampling(
    double errorShare, int tilePixels, double edgeWeight, double errorDecay) {
  public PixelSampling {
    if (!(errorShare >= 0 && errorShare <= 1)
        || tilePixels < 1
        || !(edgeWeight >= 0)
        || !Double.isFinite(edgeWeight)
        || !(errorDecay > 0 && errorDecay <= 1)) {
      throw new IllegalArgumentException(
          "bad pixel sampling: share "
              + errorShare
              + ", tile "
              + tilePixels
              + ", edge weight "
              + edgeWeight
              + ", decay "
              + errorDecay);
    }
  }

  /** Every pixel of the clip equally likely (NLA). */
  public static PixelSampling uniform() {
    return new PixelSampling(0, 8, 0, 0.5);
  }

  /**
   * Half of each batch by error over 8×8 tiles, matte outlines weighted as one extra mean error.
   */
  public static PixelSampling errorWeighted() {
    return new PixelSampling(0.5, 8, 1, 0.5);
  }

  /** Whether any pixel is drawn by error. */
  public boolean byError() {
    return errorShare > 0;
  }
}
