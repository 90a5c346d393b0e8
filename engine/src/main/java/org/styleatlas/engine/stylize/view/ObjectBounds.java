package org.styleatlas.engine.stylize.view;

/** The object's bounding box in one frame, from its opacity map, as the paper's crop Q_Crop. */
public final class ObjectBounds {
  /** Opacity above which a pixel counts as object. */
  public static final float OBJECT_ALPHA = 0.5f;

  private ObjectBounds() {}

  /**
   * The box around all pixels with α &gt; {@link #OBJECT_ALPHA}, grown by {@code margin} times its
   * size on every side and clipped to the frame; the whole frame when no pixel is object.
   *
   * @param alpha {@code [height, width]} opacity
   * @param margin fraction of the box's width (height) added on the left and right (top and
   *     bottom), ≥ 0
   */
  public static PixelRect crop(float[] alpha, int width, int height, double margin) {
    int x0 = width;
    int y0 = height;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (alpha[y * width + x] > OBJECT_ALPHA) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (x1 < 0) {
      return new PixelRect(0, 0, width, height);
    }
    double bw = x1 + 1 - x0;
    double bh = y1 + 1 - y0;
    double left = Math.max(0, x0 - margin * bw);
    double top = Math.max(0, y0 - margin * bh);
    double right = Math.min(width, x1 + 1 + margin * bw);
    double bottom = Math.min(height, y1 + 1 + margin * bh);
    return new PixelRect(left, top, right - left, bottom - top);
  }

  /** Mean opacity inside {@code r}, sampled at the centres of the pixels it covers. */
  public static double objectFraction(float[] alpha, int width, int height, PixelRect r) {
    int xs = (int) Math.floor(r.x());
    int ys = (int) Math.floor(r.y());
    int xe = Math.min(width, (int) Math.ceil(r.x() + r.width()));
    int ye = Math.min(height, (int) Math.ceil(r.y() + r.height()));
    double sum = 0;
    int n = 0;
    for (int y = Math.max(0, ys); y < ye; y++) {
      for (int x = Math.max(0, xs); x < xe; x++) {
        sum += alpha[y * width + x];
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }
}
