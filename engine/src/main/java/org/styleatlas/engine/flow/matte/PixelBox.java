package org.styleatlas.engine.flow.matte;

/**
 * A rectangle of pixels, top-left origin; {@code x1}, {@code y1} exclusive.
 *
 * @param x0 left column, inclusive
 * @param y0 top row, inclusive
 * @param x1 right column, exclusive, &gt; x0
 * @param y1 bottom row, exclusive, &gt; y0
 */
record PixelBox(int x0, int y0, int x1, int y1) {

  PixelBox {
    if (x1 <= x0 || y1 <= y0) {
      throw new IllegalArgumentException("empty box " + x0 + "," + y0 + "," + x1 + "," + y1);
    }
  }

  int width() {
    return x1 - x0;
  }

  int height() {
    return y1 - y0;
  }

  /**
   * This box grown by {@code margin} pixels on every side, clipped to a {@code w}x{@code h} frame.
   */
  PixelBox grown(int margin, int w, int h) {
    return new PixelBox(
        Math.max(0, x0 - margin),
        Math.max(0, y0 - margin),
        Math.min(w, x1 + margin),
        Math.min(h, y1 + margin));
  }

  boolean contains(int x, int y) {
    return x >= x0 && x < x1 && y >= y0 && y < y1;
  }
}
