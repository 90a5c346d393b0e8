package org.styleatlas.engine.render;

import org.styleatlas.engine.video.Frame;

/** Image comparison measures over the RGB channels of equally sized frames. */
public final class ImageMetrics {
  private ImageMetrics() {}

  /** Mask predicate over pixel indices. */
  @FunctionalInterface
  public interface PixelMask {
    boolean includes(int pixel);
  }

  /** PSNR in dB for signals in [0, 1] over all pixels; +∞ for identical frames. */
  public static double psnr(Frame a, Frame b) {
    return psnr(a, b, p -> true);
  }

  /** PSNR in dB over the pixels the mask includes; NaN when it includes none. */
  public static double psnr(Frame a, Frame b, PixelMask mask) {
    double mse = mse(a, b, mask);
    return Double.isNaN(mse) ? Double.NaN : 10 * Math.log10(1 / mse);
  }

  /** Mean squared RGB error over the pixels the mask includes; NaN when it includes none. */
  public static double mse(Frame a, Frame b, PixelMask mask) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException("cannot compare " + a + " with " + b);
    }
    double sum = 0;
    long n = 0;
    for (int p = 0, np = a.width() * a.height(); p < np; p++) {
      if (mask.includes(p)) {
        for (int c = 0; c < 3; c++) {
          double d = a.pixels()[p * a.channels() + c] - b.pixels()[p * b.channels() + c];
          sum += d * d;
        }
        n += 3;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Mean RGB colour over the pixels the mask includes, weighted by {@code weights} when given. */
  public static double[] meanColour(Frame f, float[] weights) {
    double[] sum = new double[3];
    double wsum = 0;
    for (int p = 0, np = f.width() * f.height(); p < np; p++) {
      double w = weights == null ? 1 : weights[p];
      for (int c = 0; c < 3; c++) {
        sum[c] += w * f.pixels()[p * f.channels() + c];
      }
      wsum += w;
    }
    for (int c = 0; c < 3; c++) {
      sum[c] /= Math.max(wsum, 1e-12);
    }
    return sum;
  }
}
