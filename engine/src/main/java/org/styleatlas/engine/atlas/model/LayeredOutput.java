package org.styleatlas.engine.atlas.model;

import ai.djl.ndarray.NDArray;

/**
 * The model's outputs for a batch of N points (x, y, t).
 *
 * @param uvForeground {@code [N, 2]} foreground atlas coordinates in (−1, 1)
 * @param uvBackground {@code [N, 2]} background atlas coordinates in (−1, 1)
 * @param alpha {@code [N, 1]} foreground opacity in (0, 1)
 * @param rgbForeground {@code [N, 3]} foreground atlas colour at uvForeground
 * @param rgbBackground {@code [N, 3]} background atlas colour at uvBackground
 * @param rgb {@code [N, 3]} the reconstruction (1 − α)·(rgbBackground + backgroundResidual) +
 *     α·rgbForeground
 * @param backgroundResidual {@code [N, 3]} the background's colour residual r at the points ({@link
 *     BackgroundResidualConfig}), or null when the model has none
 */
public record LayeredOutput(
    NDArray uvForeground,
    NDArray uvBackground,
    NDArray alpha,
    NDArray rgbForeground,
    NDArray rgbBackground,
    NDArray rgb,
    NDArray backgroundResidual) {

  /** The outputs of a model without a background residual. */
  public LayeredOutput(
      NDArray uvForeground,
      NDArray uvBackground,
      NDArray alpha,
      NDArray rgbForeground,
      NDArray rgbBackground,
      NDArray rgb) {
    this(uvForeground, uvBackground, alpha, rgbForeground, rgbBackground, rgb, null);
  }

  /** {@code [N, 3]} the background colour the reconstruction uses: the atlas colour plus r. */
  public NDArray background() {
    return backgroundResidual == null ? rgbBackground : rgbBackground.add(backgroundResidual);
  }

  /**
   * NLA's compositing: c = (1 − α)·c_b + α·c_f; shapes {@code [N,1]}, {@code [N,3]}, {@code [N,3]}.
   */
  public static NDArray composite(NDArray alpha, NDArray foreground, NDArray background) {
    return background.add(foreground.sub(background).mul(alpha));
  }
}
