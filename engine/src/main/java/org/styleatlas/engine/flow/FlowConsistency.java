package org.styleatlas.engine.flow;

/** The forward–backward consistency check of two opposite flows. */
public final class FlowConsistency {
  private FlowConsistency() {}

  /**
   * The mask of {@code ab}: 1 where p + ab(p) lies inside the frame and |ab(p) + ba(p + ab(p))| ≤
   * threshold, with ba sampled bilinearly; else 0.
   *
   * @param ab {@code [H, W, 2]} flow from frame a to b in pixels
   * @param ba {@code [H, W, 2]} flow from frame b to a in pixels
   */
  public static float[] mask(float[] ab, float[] ba, int width, int height, double threshold) {
    float[] mask = new float[width * height];
    double t2 = threshold * threshold;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = y * width + x;
        double qx = x + ab[p * 2];
        double qy = y + ab[p * 2 + 1];
        if (qx < 0 || qy < 0 || qx > width - 1 || qy > height - 1) {
          continue;
        }
        double ex = ab[p * 2] + bilinear(ba, width, height, qx, qy, 0);
        double ey = ab[p * 2 + 1] + bilinear(ba, width, height, qx, qy, 1);
        mask[p] = ex * ex + ey * ey <= t2 ? 1f : 0f;
      }
    }
    return mask;
  }

  /** Channel c of a 2-channel field at (x, y), pixel centres at integers, clamped at the border. */
  static double bilinear(float[] field, int width, int height, double x, double y, int c) {
    int x0 = Math.min((int) Math.floor(x), width - 2);
    int y0 = Math.min((int) Math.floor(y), height - 2);
    x0 = Math.max(x0, 0);
    y0 = Math.max(y0, 0);
    double fx = x - x0;
    double fy = y - y0;
    double v00 = field[(y0 * width + x0) * 2 + c];
    double v10 = field[(y0 * width + x0 + 1) * 2 + c];
    double v01 = field[((y0 + 1) * width + x0) * 2 + c];
    double v11 = field[((y0 + 1) * width + x0 + 1) * 2 + c];
    return (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
  }
}
