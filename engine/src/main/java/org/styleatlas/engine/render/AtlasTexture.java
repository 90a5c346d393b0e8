package org.styleatlas.engine.render;

import org.styleatlas.engine.video.Frame;

/**
 * A discretized atlas: an RGB image over a region of atlas coordinates ({@link AtlasExtent}, by
 * default the whole domain [-1, 1]²), sampled bilinearly.
 *
 * <p>The extent's u0 is the left edge of texel column 0 and u1 the right edge of the last column; v
 * likewise from the top row to the bottom row. Sampling clamps to the edge texels.
 *
 * @param width texels per row, &gt; 1
 * @param height rows, &gt; 1
 * @param rgb {@code [height, width, 3]} float32 colours, row-major, in the engine's pixel
 *     convention
 * @param extent the atlas region the texels cover
 */
public record AtlasTexture(int width, int height, float[] rgb, AtlasExtent extent) {

  /** A texture over the whole atlas domain [-1, 1]². */
  public AtlasTexture(int width, int height, float[] rgb) {
    this(width, height, rgb, AtlasExtent.FULL);
  }

  public AtlasTexture {
    java.util.Objects.requireNonNull(extent, "extent");
    if (width < 2 || height < 2) {
      throw new IllegalArgumentException(
          "atlas texture must be at least 2x2, got " + width + "x" + height);
    }
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException(
          "atlas texture holds " + rgb.length + " floats, expected " + width * height * 3);
    }
  }

  /** The texture of an RGB(A) frame (alpha is dropped) over the given atlas region. */
  public static AtlasTexture of(Frame frame, AtlasExtent extent) {
    Frame rgbFrame = frame.rgb();
    return new AtlasTexture(rgbFrame.width(), rgbFrame.height(), rgbFrame.pixels().clone(), extent);
  }

  /** The same texels with other colours (e.g. a painted or stylized version of this atlas). */
  public AtlasTexture withRgb(float[] newRgb) {
    return new AtlasTexture(width, height, newRgb, extent);
  }

  /** This texture as an RGB frame (for PNG export). */
  public Frame toFrame() {
    return new Frame(width, height, 3, rgb.clone());
  }

  /** Atlas u at the centre of texel column {@code i}. */
  public double texelU(int i) {
    return extent.u(i, width);
  }

  /** Atlas v at the centre of texel row {@code j}. */
  public double texelV(int j) {
    return extent.v(j, height);
  }

  /**
   * Bilinear sample at atlas point (u, v), written to {@code out[off..off+2]}.
   *
   * @param u horizontal atlas coordinate; clamped to the edge texels outside the extent
   * @param v vertical atlas coordinate
   */
  public void sample(float u, float v, float[] out, int off) {
    new AtlasSampler(this).sample(u, v, out, off);
  }

  /**
   * The texel-wise blend {@code s·this + (1 − s)·other}. Bilinear sampling is linear, so sampling
   * the blend equals blending the samples.
   */
  public AtlasTexture blend(AtlasTexture other, float s) {
    return combine(s, other, 1 - s);
  }

  /**
   * The texel-wise sum {@code s·this + r·other} (values may leave [0, 1], e.g. a difference of two
   * looks).
   */
  public AtlasTexture combine(float s, AtlasTexture other, float r) {
    if (other.width != width || other.height != height || !other.extent.equals(extent)) {
      throw new IllegalArgumentException(
          "cannot combine a "
              + width
              + "x"
              + height
              + " atlas with a "
              + other.width
              + "x"
              + other.height
              + " one");
    }
    float[] out = new float[rgb.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = s * rgb[i] + r * other.rgb[i];
    }
    return new AtlasTexture(width, height, out, extent);
  }
}
