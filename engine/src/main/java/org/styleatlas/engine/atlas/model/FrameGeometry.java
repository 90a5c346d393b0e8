package org.styleatlas.engine.atlas.model;

/**
 * The normalised coordinates the networks see, after NLA: pixel centres (x + 0.5, y + 0.5) are
 * divided by half the longer side and shifted to start at −1 (so the aspect ratio is kept), and
 * frame t maps linearly to [−1, 1] over the clip.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param frames number of frames
 */
public record FrameGeometry(int width, int height, int frames) {
  public FrameGeometry {
    if (width < 2 || height < 2 || frames < 1) {
      throw new IllegalArgumentException(
          "geometry needs ≥ 2x2 pixels and ≥ 1 frame, got " + width + "x" + height + "x" + frames);
    }
  }

  /** Pixels per unit of normalised coordinate: half the longer side. */
  public float halfLongEdge() {
    return Math.max(width, height) / 2f;
  }

  /** Normalised x of a (possibly fractional) pixel column; pixel centres are at integer + 0.5. */
  public float x(double px) {
    return (float) (px / halfLongEdge() - 1);
  }

  /** Normalised y of a (possibly fractional) pixel row. */
  public float y(double py) {
    return (float) (py / halfLongEdge() - 1);
  }

  /** Normalised t of a (possibly fractional) frame index. */
  public float t(double frame) {
    return frames == 1 ? 0f : (float) (2 * frame / (frames - 1) - 1);
  }

  /** Length of one pixel in normalised coordinates. */
  public float pixel() {
    return 1f / halfLongEdge();
  }
}
