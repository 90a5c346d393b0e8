package org.styleatlas.engine.video;

/**
 * A size in pixels.
 *
 * @param width width in pixels, &gt; 0
 * @param height height in pixels, &gt; 0
 */
public record FrameSize(int width, int height) {

  public FrameSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
    }
  }

  /**
   * This size scaled so that its longer side is {@code longEdge} pixels, keeping the aspect ratio
   * (the shorter side is rounded to the nearest pixel, at least 1). A {@code longEdge} of 0 keeps
   * this size.
   */
  public FrameSize fitLongEdge(int longEdge) {
    if (longEdge < 0) {
      throw new IllegalArgumentException("long edge must be 0 (keep) or positive, got " + longEdge);
    }
    int longSide = Math.max(width, height);
    if (longEdge == 0 || longEdge == longSide) {
      return this;
    }
    int shortSide =
        (int) Math.max(1, Math.round((double) Math.min(width, height) * longEdge / longSide));
    return width >= height
        ? new FrameSize(longEdge, shortSide)
        : new FrameSize(shortSide, longEdge);
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
