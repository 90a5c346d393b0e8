package org.styleatlas.engine.render;

/**
 * Bilinear resizing of an interleaved {@code [h, w, c]} float32 plane to {@code [height, width,
 * c]}, one band of output rows at a time, with pixel centres aligned (half-pixel rule) and clamped
 * at the border. The horizontal taps and weights are computed once per instance, so a renderer can
 * resample the source frame row band by row band inside its band tasks instead of in a whole-frame
 * pass first. Thread-safe: bands may be resized concurrently into one output.
 */
final class RowResampler {
  private final float[] src;
  private final int w;
  private final int h;
  private final int c;
  private final int width;
  private final int height;
  private final float sy;

  /**
   * Per output column: first tap's pixel index in a source row, second tap's, and the second's
   * weight.
   */
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
   * Floats of scratch {@link #resizeRows(float[], int, int, int, float[])} needs: two resampled
   * source rows.
   */
  int scratchFloats(int outChannels) {
    return identity() ? 0 : 2 * width * outChannels;
  }

  /** {@link #resizeRows(float[], int, int, int, float[])} with scratch of its own. */
  void resizeRows(float[] out, int outChannels, int y0, int y1) {
    resizeRows(out, outChannels, y0, y1, new float[scratchFloats(outChannels)]);
  }

  /**
   * Writes output rows {@code [y0, y1)} into {@code out}, an interleaved {@code [height, width,
   * outChannels]} plane: the first {@code outChannels} channels of each resized pixel. Each source
   * row the band needs is resampled horizontally once into {@code scratch} and shared by the output
   * rows between it and the next (about 5 rows when enlarging 384x216 to 1920x1080), then the rows
   * are blended vertically.
   *
   * @param outChannels channels per output pixel, at most the source's
   * @param scratch at least {@link #scratchFloats} floats, overwritten
   */
  void resizeRows(float[] out, int outChannels, int y0, int y1, float[] scratch) {
    if (identity()) {
      copyRows(out, outChannels, y0, y1);
      return;
    }
    int rowLen = width * outChannels;
    int[] held = {-1, -1}; // the source row in each half of scratch
    for (int y = y0; y < y1; y++) {
      float fy = Math.max(0, Math.min(h - 1, (y + 0.5f) * sy - 0.5f));
      int r0 = Math.min((int) fy, Math.max(0, h - 2));
      int r1 = Math.min(r0 + 1, h - 1);
      float wy = fy - r0;
      int top = slot(held, r0, r1, scratch, outChannels) * rowLen;
      int bottom = slot(held, r1, r0, scratch, outChannels) * rowLen;
      for (int i = 0, o = y * rowLen; i < rowLen; i++, o++) {
        out[o] = scratch[top + i] * (1 - wy) + scratch[bottom + i] * wy;
      }
    }
  }

  /**
   * The half of {@code scratch} (0 or 1) holding source row {@code r} resampled horizontally,
   * filling the half that does not hold {@code keep} when neither holds it.
   */
  private int slot(int[] held, int r, int keep, float[] scratch, int outChannels) {
    if (held[0] == r || held[1] == r) {
      return held[0] == r ? 0 : 1;
    }
    int s = held[0] == keep ? 1 : 0;
    held[s] = r;
    int rowStart = r * w;
    for (int x = 0, o = s * width * outChannels; x < width; x++) {
      float b = wx[x];
      float a = 1 - b;
      int p0 = (rowStart + x0[x]) * c;
      int p1 = (rowStart + x1[x]) * c;
      for (int k = 0; k < outChannels; k++, o++) {
        scratch[o] = src[p0 + k] * a + src[p1 + k] * b;
      }
    }
    return s;
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
