package org.styleatlas.engine.render;

import org.styleatlas.engine.video.Frame;

/**
 * Bilinear resizing of frames and single-channel planes, with pixel centres aligned (half-pixel
 * rule).
 */
public final class FrameResampler {
  private FrameResampler() {}

  /**
   * The frame resized to {@code width x height}; the frame itself when it already has that size.
   */
  public static Frame resize(Frame f, int width, int height) {
    if (f.width() == width && f.height() == height) {
      return f;
    }
    return new Frame(
        width,
        height,
        f.channels(),
        resize(f.pixels(), f.width(), f.height(), f.channels(), width, height));
  }

  /**
   * Resizes an interleaved {@code [h, w, c]} plane to {@code [height, width, c]}.
   *
   * @return a new array; the input is not modified
   */
  public static float[] resize(float[] src, int w, int h, int c, int width, int height) {
    float[] out = new float[width * height * c];
    new RowResampler(src, w, h, c, width, height).resizeRows(out, c, 0, height);
    return out;
  }

  /**
   * Bilinear sample of an interleaved {@code [h, w, c]} plane at continuous pixel position (x, y),
   * where pixel (i, j) has its centre at (i + 0.5, j + 0.5); positions outside are clamped to the
   * border.
   */
  public static void sample(
      float[] src, int w, int h, int c, float x, float y, float[] out, int off) {
    float fx = Math.max(0, Math.min(w - 1, x - 0.5f));
    float fy = Math.max(0, Math.min(h - 1, y - 0.5f));
    int x0 = Math.min((int) fx, Math.max(0, w - 2));
    int y0 = Math.min((int) fy, Math.max(0, h - 2));
    int x1 = Math.min(x0 + 1, w - 1);
    int y1 = Math.min(y0 + 1, h - 1);
    float wx = fx - x0;
    float wy = fy - y0;
    for (int k = 0; k < c; k++) {
      float top = src[(y0 * w + x0) * c + k] * (1 - wx) + src[(y0 * w + x1) * c + k] * wx;
      float bottom = src[(y1 * w + x0) * c + k] * (1 - wx) + src[(y1 * w + x1) * c + k] * wx;
      out[off + k] = top * (1 - wy) + bottom * wy;
    }
  }
}
