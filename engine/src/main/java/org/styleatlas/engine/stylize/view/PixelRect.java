package org.styleatlas.engine.stylize.view;

/**
 * An axis-aligned rectangle in continuous pixel coordinates of the working resolution (pixel (i, j)
 * covers [i, i+1) × [j, j+1)).
 *
 * @param x left edge
 * @param y top edge
 * @param width width, &gt; 0
 * @param height height, &gt; 0
 */
public record PixelRect(double x, double y, double width, double height) {

  public PixelRect {
    if (!(width > 0 && height > 0)) {
      throw new IllegalArgumentException(
          "rectangle must have a positive size, got " + width + "x" + height);
    }
  }

  public double area() {
    return width * height;
  }

  /** The point at normalised position (s, r) ∈ [0, 1]² inside this rectangle. */
  public double[] at(double s, double r) {
    return new double[] {x + s * width, y + r * height};
  }
}
