package org.styleatlas.engine.video;

import java.util.Arrays;

/**
 * The object's coverage in one frame.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param values {@code [height, width]} float32 in [0, 1], row-major, top row first; 1 is object
 */
public record Matte(int width, int height, float[] values) implements PixelGrid {

  public Matte {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "matte size must be positive, got " + width + "x" + height);
    }
    if (values.length != width * height) {
      throw new IllegalArgumentException(
          "matte buffer holds " + values.length + " floats, expected " + width * height);
    }
  }

  /**
   * One channel of a frame as a matte, e.g. the red channel of a grey mask or channel 3 for alpha.
   */
  public static Matte fromChannel(Frame frame, int channel) {
    if (channel < 0 || channel >= frame.channels()) {
      throw new IllegalArgumentException(
          "frame has " + frame.channels() + " channels, no channel " + channel);
    }
    float[] px = frame.pixels();
    int n = frame.channels();
    float[] v = new float[frame.width() * frame.height()];
    for (int p = 0; p < v.length; p++) {
      v[p] = px[p * n + channel];
    }
    return new Matte(frame.width(), frame.height(), v);
  }

  /** Coverage at pixel (x, y). */
  public float get(int x, int y) {
    return values[y * width + x];
  }

  /** Fraction of pixels with coverage above one half. */
  public double coverage() {
    int n = 0;
    for (float v : values) {
      if (v > 0.5f) {
        n++;
      }
    }
    return n / (double) values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matte m
        && m.width == width
        && m.height == height
        && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Matte[" + width + "x" + height + "]";
  }
}
