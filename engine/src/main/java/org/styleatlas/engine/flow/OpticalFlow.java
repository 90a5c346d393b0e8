package org.styleatlas.engine.flow;

import java.util.List;

/**
 * Dense flow between consecutive frames in both directions, with consistency masks.
 *
 * <p>Flows are {@code [H, W, 2]} float32 (dx, dy) in pixels, row-major; masks {@code [H, W]} with 1
 * where the forward–backward check passes and the target lies inside the frame, else 0.
 *
 * @param width frame width
 * @param height frame height
 * @param forward T−1 flows, element t from frame t to t+1
 * @param backward T−1 flows, element t from frame t+1 to t
 * @param forwardMask T−1 masks of {@code forward}
 * @param backwardMask T−1 masks of {@code backward}
 */
public record OpticalFlow(
    int width,
    int height,
    List<float[]> forward,
    List<float[]> backward,
    List<float[]> forwardMask,
    List<float[]> backwardMask) {

  public OpticalFlow {
    forward = List.copyOf(forward);
    backward = List.copyOf(backward);
    forwardMask = List.copyOf(forwardMask);
    backwardMask = List.copyOf(backwardMask);
    int n = forward.size();
    if (backward.size() != n || forwardMask.size() != n || backwardMask.size() != n) {
      throw new IllegalArgumentException("flow lists differ in length");
    }
  }

  /** Number of frames the flow covers (one more than the number of pairs). */
  public int frames() {
    return forward.size() + 1;
  }

  /** Fraction of consistent vectors over both directions. */
  public double consistentFraction() {
    double sum = 0;
    long n = 0;
    for (List<float[]> masks : List.of(forwardMask, backwardMask)) {
      for (float[] m : masks) {
        for (float v : m) {
          sum += v;
        }
        n += m.length;
      }
    }
    return n == 0 ? 0 : sum / n;
  }
}
