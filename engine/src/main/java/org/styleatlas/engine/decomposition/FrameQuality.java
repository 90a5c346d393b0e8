package org.styleatlas.engine.decomposition;

import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * How well one frame is reconstructed and how well its learned opacity covers the given matte.
 *
 * @param frame frame index
 * @param psnr reconstruction PSNR over the whole frame, dB
 * @param psnrInside PSNR over the pixels whose matte is ≥ ½ (the object), dB; null without a matte
 *     or when the matte is empty in this frame
 * @param psnrOutside PSNR over the pixels whose matte is &lt; ½, dB; null without a matte or when
 *     the matte covers the whole frame
 * @param alphaIou intersection over union of {α ≥ ½} and {matte ≥ ½} for the opacity the
 *     reconstruction and every render use; 1 when both are empty; null without a matte
 * @param learnedAlphaIou the same for M_α when the rendered opacity is the given matte ({@link
 *     org.styleatlas.engine.decomposition.config.OpacitySource#MATTE}); null when M_α is the
 *     rendered opacity (then it is {@code alphaIou}) or without a matte
 * @param psnrAtlasOnly when the model has a background colour residual ({@link
 *     org.styleatlas.engine.atlas.model.BackgroundResidualConfig}): the PSNR over the whole frame
 *     of the reconstruction without it, from the atlases alone (what an edit can carry; {@code
 *     psnr} includes the residual); null otherwise
 * @param psnrOutsideAtlasOnly the same outside the matte (where the residual acts); null without a
 *     residual or a matte
 */
public record FrameQuality(
    int frame,
    double psnr,
    Double psnrInside,
    Double psnrOutside,
    Double alphaIou,
    Double learnedAlphaIou,
    Double psnrAtlasOnly,
    Double psnrOutsideAtlasOnly) {
  /** Matte and α threshold for "object". */
  public static final float OBJECT = 0.5f;

  /** A frame whose rendered opacity is M_α. */
  public FrameQuality(
      int frame, double psnr, Double psnrInside, Double psnrOutside, Double alphaIou) {
    this(frame, psnr, psnrInside, psnrOutside, alphaIou, null, null, null);
  }

  /**
   * PSNR of the atlases alone over the whole frame, dB: {@link #psnrAtlasOnly} with a background
   * residual, {@link #psnr} without one (what a render from the atlases can reach).
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public double atlasPsnr() {
    return psnrAtlasOnly == null ? psnr : psnrAtlasOnly;
  }

  /** This frame with M_α's coverage reported next to the rendered opacity's. */
  public FrameQuality withLearnedAlphaIou(double iou) {
    return new FrameQuality(
        frame, psnr, psnrInside, psnrOutside, alphaIou, iou, psnrAtlasOnly, psnrOutsideAtlasOnly);
  }

  /**
   * This frame with the atlas-only reconstruction's figures ({@code atlasOnly}: the same frame
   * measured without the background residual).
   */
  public FrameQuality withAtlasOnly(FrameQuality atlasOnly) {
    return new FrameQuality(
        frame,
        psnr,
        psnrInside,
        psnrOutside,
        alphaIou,
        learnedAlphaIou,
        atlasOnly.psnr(),
        atlasOnly.psnrOutside());
  }

  /** IoU of {α ≥ ½} with {matte ≥ ½}; 1 when both are empty. */
  public static double iou(float[] alpha, Matte matte) {
    float[] m = matte.values();
    if (alpha.length != m.length) {
      throw new IllegalArgumentException(
          "α of " + alpha.length + " pixels for a matte of " + m.length);
    }
    long inter = 0;
    long union = 0;
    for (int p = 0; p < m.length; p++) {
      boolean object = m[p] >= OBJECT;
      boolean opaque = alpha[p] >= OBJECT;
      inter += opaque && object ? 1 : 0;
      union += opaque || object ? 1 : 0;
    }
    return union == 0 ? 1.0 : inter / (double) union;
  }

  /**
   * Measures frame {@code t}.
   *
   * @param rgb {@code [H, W, 3]} reconstruction in [0, 1]
   * @param frame the video frame (RGB in its first three channels)
   * @param matte the given matte, or null
   * @param alpha {@code [H, W]} learned opacity
   */
  public static FrameQuality measure(int t, float[] rgb, Frame frame, Matte matte, float[] alpha) {
    float[] px = frame.pixels();
    int ch = frame.channels();
    int n = frame.width() * frame.height();
    if (rgb.length != n * 3 || alpha.length != n || (matte != null && matte.values().length != n)) {
      throw new IllegalArgumentException(
          "frame "
              + t
              + ": maps of "
              + rgb.length / 3
              + " / "
              + alpha.length
              + " pixels do not match the "
              + frame.width()
              + "x"
              + frame.height()
              + " frame or its matte");
    }
    double[] se = new double[2];
    long[] count = new long[2];
    for (int p = 0; p < n; p++) {
      double e = 0;
      for (int c = 0; c < 3; c++) {
        double d = rgb[p * 3 + c] - px[p * ch + c];
        e += d * d;
      }
      boolean object = matte != null && matte.values()[p] >= OBJECT;
      int region = object ? 1 : 0;
      se[region] += e;
      count[region]++;
    }
    double all = psnr(se[0] + se[1], count[0] + count[1]);
    if (matte == null) {
      return new FrameQuality(t, all, null, null, null);
    }
    return new FrameQuality(
        t,
        all,
        count[1] == 0 ? null : psnr(se[1], count[1]),
        count[0] == 0 ? null : psnr(se[0], count[0]),
        iou(alpha, matte));
  }

  /** PSNR in dB of a summed squared error over {@code pixels} RGB pixels of signals in [0, 1]. */
  static double psnr(double squaredError, long pixels) {
    double mse = squaredError / (pixels * 3.0);
    return mse == 0 ? Psnr.IDENTICAL : 10 * Math.log10(1 / mse);
  }
}
