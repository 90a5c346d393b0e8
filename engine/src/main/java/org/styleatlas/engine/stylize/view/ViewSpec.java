package org.styleatlas.engine.stylize.view;

import java.util.Optional;

/**
 * One augmented view of one frame, as geometry only: where each view pixel samples the frame.
 *
 * <p>A view pixel at normalised position (s, r) ∈ [0, 1]² is first sent through the inverse
 * perspective (when there is one) to (s', r'); positions with (s', r') outside [0, 1]² are fill
 * (black), as in torchvision's RandomPerspective; the rest sample the frame at {@code crop.at(s',
 * r')}.
 *
 * @param frame frame index
 * @param kind global or local
 * @param crop the crop in working-resolution pixels
 * @param perspective view → crop map in normalised coordinates, when the view is distorted
 * @param removeBackground whether background pixels (weight 1 − α) are set to black
 */
public record ViewSpec(
    int frame,
    Kind kind,
    PixelRect crop,
    Optional<Homography> perspective,
    boolean removeBackground) {

  /** The two view families of the paper. */
  public enum Kind {
    GLOBAL,
    LOCAL
  }

  /**
   * The frame pixel position sampled by view position (s, r), or {@code null} for fill.
   *
   * @return {x, y} in continuous working-resolution pixel coordinates
   */
  public double[] source(double s, double r) {
    double[] q = perspective.map(h -> h.apply(s, r)).orElse(new double[] {s, r});
    if (q[0] < 0 || q[0] > 1 || q[1] < 0 || q[1] > 1) {
      return null;
    }
    return crop.at(q[0], q[1]);
  }
}
