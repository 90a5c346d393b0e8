package org.styleatlas.engine.render;

import org.styleatlas.engine.video.Frame;

/**
 * A discretized atlas: an RGB image over the atlas domain [-1, 1]², sampled bilinearly.
 *
 * <p>Atlas coordinate u = -1 is the left edge of texel column 0 and u = +1 the right edge of the last
 * column; v likewise from the top row to the bottom row. Texel (i, j) has its centre at
 * u = -1 + (i + 0.5)·2/width. Sampling clamps to the edge texels.
 *
 * @param width texels per row, &gt; 1
 * @param height rows, &gt; 1
 * @param rgb {@code [height, width, 3]} float32 colours, row-major, in the engine's pixel convention
 */
public record AtlasTexture(int width, int height, float[] rgb) {

  public AtlasTexture {
    if (width < 2 || height < 2) {
      throw new IllegalArgumentException("atlas texture must be at least 2x2, got " + width + "x" + height);
    }
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException(
          "atlas texture holds " + rgb.length + " floats, expected " + width * height * 3);
    }
  }

  /** The texture of an RGB(A) frame (alpha is dropped). */
  public static AtlasTexture of(Frame frame) {
    Frame rgbFrame = frame.rgb();
    return new AtlasTexture(rgbFrame.width(), rgbFrame.height(), rgbFrame.pixels().clone());
  }

  /** This texture as an RGB frame (for PNG export). */
  public Frame toFrame() {
    return new Frame(width, height, 3, rgb.clone());
  }

  /** Atlas coordinate of the centre of texel column {@code i} (or row, with {@code height}). */
  public static double texelCentre(int i, int size) {
    return -1 + (i + 0.5) * 2.0 / size;
  }

  /**
   * Bilinear sample at atlas point (u, v), written to {@code out[off..off+2]}.
   *
   * @param u horizontal atlas coordinate, nominally in [-1, 1]; clamped to the edge texels outside
   * @param v vertical atlas coordinate, nominally in [-1, 1]
   */
  public void sample(float u, float v, float[] out, int off) {
    float x = (u + 1) * 0.5f * width - 0.5f;
    float y = (v + 1) * 0.5f * height - 0.5f;
    x = Math.max(0, Math.min(width - 1, x));
    y = Math.max(0, Math.min(height - 1, y));
    int x0 = Math.min((int) x, width - 2);
    int y0 = Math.min((int) y, height - 2);
    float fx = x - x0;
    float fy = y - y0;
    int i00 = (y0 * width + x0) * 3;
    int i01 = i00 + 3;
    int i10 = i00 + width * 3;
    int i11 = i10 + 3;
    float w00 = (1 - fx) * (1 - fy);
    float w01 = fx * (1 - fy);
    float w10 = (1 - fx) * fy;
    float w11 = fx * fy;
    for (int c = 0; c < 3; c++) {
      out[off + c] = w00 * rgb[i00 + c] + w01 * rgb[i01 + c] + w10 * rgb[i10 + c] + w11 * rgb[i11 + c];
    }
  }

  /**
   * The texel-wise blend {@code s·this + (1 − s)·other}. Bilinear sampling is linear, so sampling the
   * blend equals blending the samples.
   */
  public AtlasTexture blend(AtlasTexture other, float s) {
    if (other.width != width || other.height != height) {
      throw new IllegalArgumentException("cannot blend a " + width + "x" + height + " atlas with a "
          + other.width + "x" + other.height + " one");
    }
    float[] out = new float[rgb.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = s * rgb[i] + (1 - s) * other.rgb[i];
    }
    return new AtlasTexture(width, height, out);
  }
}
