package org.styleatlas.ofx.harness;

/** Comparisons of host images, for tests that check what a render wrote. */
public final class ImageMetrics {
  private ImageMetrics() {}

  /**
   * The mean squared difference of the colour channels (R, G, B; samples normalised to [0, 1]) of
   * two images with the same bounds.
   */
  public static double meanSquaredRgbDifference(HostImage a, HostImage b) {
    double sum = 0;
    int n = 0;
    for (int y = a.y1; y < a.y2; y++) {
      for (int x = a.x1; x < a.x2; x++) {
        for (int c = 0; c < 3; c++) {
          double d = a.get(x, y, c) - b.get(x, y, c);
          sum += d * d;
          n++;
        }
      }
    }
    return sum / n;
  }
}
