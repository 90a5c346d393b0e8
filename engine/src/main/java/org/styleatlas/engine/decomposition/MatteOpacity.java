package org.styleatlas.engine.decomposition;

import java.util.List;

/**
 * The given matte as the rendered opacity ({@link
 * org.styleatlas.engine.decomposition.config.OpacitySource#MATTE}): per frame the working-size
 * matte, and on any other pixel grid the matte resampled bilinearly with pixel centres aligned
 * (output pixel (x, y) reads the working grid at ((x + ½)·W/w − ½, (y + ½)·H/h − ½), clamped to the
 * frame, so values stay in [0, 1]). At the working size it is the matte itself.
 */
final class MatteOpacity {
  private final int width;
  private final int height;
  private final List<float[]> frames;

  /**
   * @param width working width in pixels
   * @param height working height in pixels
   * @param frames per frame the matte {@code [height·width]} in [0, 1]
   */
  MatteOpacity(int width, int height, List<float[]> frames) {
    for (int t = 0; t < frames.size(); t++) {
      if (frames.get(t).length != width * height) {
        throw new IllegalArgumentException(
            "matte of frame "
                + t
                + " has "
                + frames.get(t).length
                + " values, not "
                + width * height);
      }
    }
    this.width = width;
    this.height = height;
    this.frames = List.copyOf(frames);
  }

  /** Frame {@code t}'s opacity on a {@code w x h} grid, {@code [h·w]}. */
  float[] frame(int t, int w, int h) {
    if (w == width && h == height) {
      return frames.get(t).clone();
    }
    float[] out = new float[w * h];
    for (int p = 0; p < out.length; p++) {
      out[p] = at(t, p, w, h);
    }
    return out;
  }

  /** Frame {@code t}'s opacity at some pixels ({@code y·w + x}) of a {@code w x h} grid. */
  float[] pixels(int t, int w, int h, int[] pixels) {
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = at(t, pixels[i], w, h);
    }
    return out;
  }

  private float at(int t, int p, int w, int h) {
    float[] m = frames.get(t);
    double sx = Math.min(Math.max((p % w + 0.5) * width / w - 0.5, 0), width - 1);
    double sy = Math.min(Math.max((p / w + 0.5) * height / h - 0.5, 0), height - 1);
    int x0 = (int) sx;
    int y0 = (int) sy;
    int x1 = Math.min(x0 + 1, width - 1);
    int y1 = Math.min(y0 + 1, height - 1);
    float fx = (float) (sx - x0);
    float fy = (float) (sy - y0);
    float top = m[y0 * width + x0] * (1 - fx) + m[y0 * width + x1] * fx;
    float bottom = m[y1 * width + x0] * (1 - fx) + m[y1 * width + x1] * fx;
    return top * (1 - fy) + bottom * fy;
  }
}
