package org.styleatlas.engine.render;

/**
 * Bilinear resizing of an interleaved {@code [h, w, c]} float32 plane to {@code [height, width, c]}, one
 * band of output rows at a time, with pixel centres aligned (half-pixel rule) and clamped at the border.
 * The horizontal taps and weights are computed once per instance, so a renderer can resample the source
 * frame row band by row band inside its band tasks instead of in a whole-frame pass first. Thread-safe:
 * bands may be resized concurrently into one output.
 */
final class RowResampler {
  private final float[] src;
  private final int w;
  private final int h;
  private final int c;
  private final int width;
  private final int height;
  private final float sy;
  /** Per output column: first tap's pixel index in a source row, second tap's, and the second's weight. */
  private final int[] x0;
  private final int[] x1;
  private final float[] wx;

  /**
   * @param src the {@code [h, w, c]} plane, read only
   * @param w source width in pixels
   * @param h source height in pixels
   * @param c channels per pixel
   * @param width output width in pixels
   * @param height output height in pixels
   */
  RowResampler(float[] src, int w, int h, int c, int width, int height) {
    this.src = src;
    this.w = w;
    this.h = h;
    this.c = c;
    this.width = width;
    this.height = height;
    this.sy = h / (float) height;
    float sx = w / (float) width;
    this.x0 = new int[width];
    this.x1 = new int[width];
    this.wx = new float[width];
    for (int x = 0; x < width; x++) {
      float fx = Math.max(0, Math.min(w - 1, (x + 0.5f) * sx - 0.5f));
      x0[x] = Math.min((int) fx, Math.max(0, w - 2));
      x1[x] = Math.min(x0[x] + 1, w - 1);
      wx[x] = fx - x0[x];
    }
  }

  /** Whether the output has the source's size, so resizing copies. */
  boolean identity() {
    return w == width && h == height;
  }

  /**
   * Writes output rows {@code [y0, y1)} into {@code out}, an interleaved {@code [height, width, outChannels]}
   * plane: the first {@code outChannels} channels of each resized pixel.
   *
   * @param outChannels channels per output pixel, at most the source's
   */
  void resizeRows(float[] out, int outChannels, int y0, int y1) {
    if (identity()) {
      copyRows(out, outChannels, y0, y1);
      return;
    }
    for (int y = y0; y < y1; y++) {
      float fy = Math.max(0, Math.min(h - 1, (y + 0.5f) * sy - 0.5f));
      int r0 = Math.min((int) fy, Math.max(0, h - 2));
      int r1 = Math.min(r0 + 1, h - 1);
      float wy = fy - r0;
      int top0 = r0 * w;
      int bottom0 = r1 * w;
      int o = y * width * outChannels;
      for (int x = 0; x < width; x++, o += outChannels) {
        float b = wx[x];
        float a = 1 - b;
        int t0 = (top0 + x0[x]) * c;
        int t1 = (top0 + x1[x]) * c;
        int b0 = (bottom0 + x0[x]) * c;
        int b1 = (bottom0 + x1[x]) * c;
        for (int k = 0; k < outChannels; k++) {
          float top = src[t0 + k] * a + src[t1 + k] * b;
          float bottom = src[b0 + k] * a + src[b1 + k] * b;
          out[o + k] = top * (1 - wy) + bottom * wy;
        }
      }
    }
  }

  private void copyRows(float[] out, int outChannels, int y0, int y1) {
    if (outChannels == c) {
      System.arraycopy(src, y0 * width * c, out, y0 * width * c, (y1 - y0) * width * c);
      return;
    }
    for (int p = y0 * width, end = y1 * width; p < end; p++) {
      for (int k = 0; k < outChannels; k++) {
        out[p * outChannels + k] = src[p * c + k];
      }
    }
  }
}
