package org.styleatlas.engine.video;

import java.util.Arrays;

/**
 * One video frame in the engine's in-memory pixel convention.
 *
 * <ul>
 *   <li>Layout: interleaved, row-major, top row first: {@code pixels[(y * width + x) * channels +
 *       c]}.
 *   <li>Channels: 3 (RGB) or 4 (RGBA, straight, i.e. not premultiplied alpha).
 *   <li>Range: float32, nominally [0, 1]. Float sources (EXR) may exceed 1 and are kept as read.
 *   <li>Transfer: values are kept as encoded in the source. 8- and 16-bit sources are sRGB-encoded;
 *       EXR is scene-linear. No colour conversion happens anywhere in the engine, so a round trip
 *       is lossless up to the file format's quantisation.
 * </ul>
 *
 * @param width width in pixels, &gt; 0
 * @param height height in pixels, &gt; 0
 * @param channels 3 or 4
 * @param pixels {@code [height, width, channels]} float32, see above
 */
public record Frame(int width, int height, int channels, float[] pixels) implements PixelGrid {

  public Frame {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "frame size must be positive, got " + width + "x" + height);
    }
    if (channels != 3 && channels != 4) {
      throw new IllegalArgumentException("frame must have 3 or 4 channels, got " + channels);
    }
    if (pixels.length != width * height * channels) {
      throw new IllegalArgumentException(
          "pixel buffer holds " + pixels.length + " floats, expected " + width * height * channels);
    }
  }

  /** A black frame of the given size. */
  public static Frame blank(int width, int height, int channels) {
    return new Frame(width, height, channels, new float[width * height * channels]);
  }

  /** Value of channel {@code c} at pixel (x, y). */
  public float get(int x, int y, int c) {
    return pixels[(y * width + x) * channels + c];
  }

  /** Whether this frame carries an alpha channel. */
  public boolean hasAlpha() {
    return channels == 4;
  }

  /** Index of the first pixel value that is NaN or infinite, or -1 when all are finite. */
  public int firstNonFinite() {
    for (int i = 0; i < pixels.length; i++) {
      if (!Float.isFinite(pixels[i])) {
        return i;
      }
    }
    return -1;
  }

  /** The RGB part of this frame (a copy when it has alpha, {@code this} otherwise). */
  public Frame rgb() {
    if (channels == 3) {
      return this;
    }
    float[] out = new float[width * height * 3];
    for (int p = 0, n = width * height; p < n; p++) {
      System.arraycopy(pixels, p * 4, out, p * 3, 3);
    }
    return new Frame(width, height, 3, out);
  }

  /** The alpha channel as a matte; only for frames with alpha. */
  public Matte alpha() {
    if (channels != 4) {
      throw new IllegalStateException("frame has no alpha channel");
    }
    return Matte.fromChannel(this, 3);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f
        && f.width == width
        && f.height == height
        && f.channels == channels
        && Arrays.equals(f.pixels, pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "Frame[" + width + "x" + height + "x" + channels + "]";
  }
}
