package org.styleatlas.engine.decomposition;

/**
 * One frame's maps of a decomposition at one resolution, row-major, top row first.
 *
 * @param frame the frame's index in the clip
 * @param uvForeground {@code [H, W, 2]} foreground atlas coordinates in (−1, 1)
 * @param uvBackground {@code [H, W, 2]} background atlas coordinates in (−1, 1)
 * @param alpha {@code [H, W, 1]} foreground opacity in (0, 1)
 * @param rgb {@code [H, W, 3]} the reconstruction in [0, 1], or null when not evaluated
 * @param rgbAtlasOnly {@code [H, W, 3]} the reconstruction without the background's colour residual
 *     (atlases only, what an edit can carry), or null when not evaluated or the model has no
 *     residual (then it is {@code rgb})
 */
public record FrameMaps(
    int frame,
    float[] uvForeground,
    float[] uvBackground,
    float[] alpha,
    float[] rgb,
    float[] rgbAtlasOnly) {

  /** Maps of a model without a background residual. */
  public FrameMaps(
      int frame, float[] uvForeground, float[] uvBackground, float[] alpha, float[] rgb) {
    this(frame, uvForeground, uvBackground, alpha, rgb, null);
  }
}
