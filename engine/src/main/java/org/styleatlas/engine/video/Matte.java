package org.styleatlas.engine.video;

import java.util.Arrays;

/**
 * The object's coverage in one frame.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param values {@code [height, width]} float32 in [0, 1], row-major, top row first; 1 is object
 */
public record Matte(int width, int height, float[] values) {

  public Matte {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("matte size must be positive, got " + width + "x" + height);
    }
    if (values.length != width * height) {
      throw new IllegalArgumentException(
          "matte buffer holds " + values.length + " floats, expected " + width * height);
    }
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
    return o instanceof Matte m && m.width == width && m.height == height && Arrays.equals(m.values, values);
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
