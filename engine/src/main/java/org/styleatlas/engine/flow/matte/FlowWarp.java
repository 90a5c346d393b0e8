package org.styleatlas.engine.flow.matte;

/** Carries a mask from one frame to the next along the optical flow. */
final class FlowWarp {
  private FlowWarp() {}

  /**
   * The mask {@code m} of frame a seen on frame b: each pixel p of b takes a's value at p +
   * flow(p), bilinearly, thresholded at ½.
   *
   * @param flow {@code [h·w·2]} (dx, dy) pixels from frame b to frame a
   */
  static Mask warp(Mask m, float[] flow) {
    int w = m.width();
    int h = m.height();
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        double sx = Math.max(0, Math.min(w - 1, x + flow[2 * p]));
        double sy = Math.max(0, Math.min(h - 1, y + flow[2 * p + 1]));
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double fx = sx - x0;
        double fy = sy - y0;
        double v =
            (1 - fy) * ((1 - fx) * bit(m, x0, y0) + fx * bit(m, x1, y0))
                + fy * ((1 - fx) * bit(m, x0, y1) + fx * bit(m, x1, y1));
        out[p] = (byte) (v > 0.5 ? 1 : 0);
      }
    }
    return new Mask(w, h, out);
  }

  private static int bit(Mask m, int x, int y) {
    return m.get(x, y) ? 1 : 0;
  }
}
