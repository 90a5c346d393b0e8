package org.styleatlas.engine.decomposition;

import org.styleatlas.engine.video.Frame;

/** Peak signal-to-noise ratio for signals in [0, 1]. */
public final class Psnr {
  /** Reported when the images are identical. */
  public static final double IDENTICAL = 100;

  private Psnr() {}

  /** PSNR in dB of {@code rgb} ({@code [H, W, 3]}) against the RGB of {@code frame}. */
  public static double of(float[] rgb, Frame frame) {
    float[] px = frame.pixels();
    int ch = frame.channels();
    int n = frame.width() * frame.height();
    double se = 0;
    for (int p = 0; p < n; p++) {
      for (int c = 0; c < 3; c++) {
        double d = rgb[p * 3 + c] - px[p * ch + c];
        se += d * d;
      }
    }
    double mse = se / (n * 3.0);
    return mse == 0 ? IDENTICAL : 10 * Math.log10(1 / mse);
  }
}
