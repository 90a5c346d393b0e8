package org.styleatlas.engine.flow.matte;

import org.styleatlas.engine.InputException;

/**
 * A box around the object on one frame, in pixels of the frames being segmented: the seed of a box
 * matte ({@link ObjectSegmenter}).
 *
 * @param x0 left edge, pixels of the frame, inclusive
 * @param y0 top edge, pixels, inclusive (top-left origin)
 * @param x1 right edge, pixels, exclusive
 * @param y1 bottom edge, pixels, exclusive
 * @param frame the frame (0-based) the box is drawn on
 */
public record BoxSeed(int x0, int y0, int x1, int y1, int frame) {

  public BoxSeed {
    if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0 || frame < 0) {
      throw new InputException(
          "box: needs 0 ≤ x0 < x1, 0 ≤ y0 < y1 and frame ≥ 0, got "
              + x0
              + ","
              + y0
              + ","
              + x1
              + ","
              + y1
              + "@"
              + frame);
    }
  }

  /**
   * The box from normalised coordinates (0–1, top-left origin) on a {@code width}x{@code height}
   * frame: every pixel the normalised box touches.
   */
  public static BoxSeed normalised(
      double nx0, double ny0, double nx1, double ny1, int width, int height, int frame) {
    int x0 = (int) Math.floor(nx0 * width);
    int y0 = (int) Math.floor(ny0 * height);
    return new BoxSeed(
        x0,
        y0,
        Math.max(x0 + 1, (int) Math.ceil(nx1 * width)),
        Math.max(y0 + 1, (int) Math.ceil(ny1 * height)),
        frame);
  }

  /** Checks the box against a clip of {@code frames} frames of {@code width}x{@code height}. */
  public BoxSeed checkedAgainst(int width, int height, int frames) {
    if (x1 > width || y1 > height || frame >= frames) {
      throw new InputException(
          "box: " + this + " lies outside the " + frames + " frames of " + width + "x" + height);
    }
    return this;
  }

  /** The box's pixels. */
  PixelBox pixels() {
    return new PixelBox(x0, y0, x1, y1);
  }

  @Override
  public String toString() {
    return x0 + "," + y0 + "," + x1 + "," + y1 + "@" + frame;
  }
}
