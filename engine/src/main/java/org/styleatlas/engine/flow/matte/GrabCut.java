package org.styleatlas.engine.flow.matte;

import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_EVAL_FREEZE_MODEL;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_FGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_INIT_WITH_MASK;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_PR_FGD;
import static org.bytedeco.opencv.global.opencv_imgproc.grabCut;

import java.nio.DoubleBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.styleatlas.engine.video.Frame;

/**
 * OpenCV's GrabCut (colour mixtures + graph cut) on a crop of one frame, from per-pixel labels
 * ({@code GC_BGD} 0, {@code GC_FGD} 1, {@code GC_PR_BGD} 2, {@code GC_PR_FGD} 3): the cost follows
 * the crop's size, not the frame's.
 */
final class GrabCut {
  private GrabCut() {}

  /** The frame as 8-bit RGB, {@code [h·w·3]}. */
  static byte[] bytes(Frame f) {
    int n = f.width() * f.height();
    byte[] out = new byte[n * 3];
    float[] px = f.pixels();
    int c = f.channels();
    for (int p = 0; p < n; p++) {
      for (int k = 0; k < 3; k++) {
        out[3 * p + k] = (byte) Math.max(0, Math.min(255, Math.round(px[p * c + k] * 255)));
      }
    }
    return out;
  }

  /**
   * Runs GrabCut on {@code crop} of the frame.
   *
   * @param rgb the frame, {@code [h·w·3]} 8-bit ({@link #bytes})
   * @param labels {@code [h·w]} GC_* labels of the whole frame; only the crop is read
   * @param iterations GrabCut iterations, ≥ 1
   * @return the object: pixels labelled (probably) foreground, nothing outside the crop
   */
  static Mask cut(byte[] rgb, byte[] labels, int w, int h, PixelBox crop, int iterations) {
    return cut(rgb, labels, w, h, crop, iterations, null);
  }

  /**
   * As {@link #cut(byte[], byte[], int, int, PixelBox, int)}; with {@code models} holding two
   * colour mixtures ({@code [2][65]}: background, object), they are used as they are (one
   * iteration, OpenCV's GC_EVAL_FREEZE_MODEL); an empty {@code models} ({@code [2][0]}) receives
   * the mixtures this cut fitted.
   */
  static Mask cut(
      byte[] rgb, byte[] labels, int w, int h, PixelBox crop, int iterations, double[][] models) {
    return run(rgb, labels, w, h, crop, iterations, models, false);
  }

  private static Mask run(
      byte[] rgb,
      byte[] labels,
      int w,
      int h,
      PixelBox crop,
      int iterations,
      double[][] models,
      boolean learnOnly) {
    int cw = crop.width();
    int ch = crop.height();
    byte[] pixels = new byte[cw * ch * 3];
    byte[] lab = new byte[cw * ch];
    for (int y = 0; y < ch; y++) {
      int row = (crop.y0() + y) * w + crop.x0();
      System.arraycopy(rgb, 3 * row, pixels, 3 * y * cw, 3 * cw);
      System.arraycopy(labels, row, lab, y * cw, cw);
    }
    if (!hasBoth(lab)) {
      return Mask.empty(w, h);
    }
    try (Mat img = new Mat(ch, cw, CV_8UC3);
        Mat mask = new Mat(ch, cw, CV_8UC1);
        Mat bgd = new Mat();
        Mat fgd = new Mat();
        Rect unused = new Rect()) {
      img.data().put(pixels);
      mask.data().put(lab);
      if (!learnOnly && models != null && models[0].length > 0) {
        bgd.create(1, models[0].length, CV_64FC1);
        fgd.create(1, models[1].length, CV_64FC1);
        ((DoubleBuffer) bgd.createBuffer()).put(models[0]);
        ((DoubleBuffer) fgd.createBuffer()).put(models[1]);
        grabCut(img, mask, unused, bgd, fgd, 1, GC_EVAL_FREEZE_MODEL);
      } else {
        grabCut(img, mask, unused, bgd, fgd, iterations, GC_INIT_WITH_MASK);
        if (models != null) {
          models[0] = new double[(int) bgd.total()];
          models[1] = new double[(int) fgd.total()];
          ((DoubleBuffer) bgd.createBuffer()).get(models[0]);
          ((DoubleBuffer) fgd.createBuffer()).get(models[1]);
        }
      }
      mask.data().get(lab);
    }
    byte[] out = new byte[w * h];
    for (int y = 0; y < ch; y++) {
      for (int x = 0; x < cw; x++) {
        int l = lab[y * cw + x];
        out[(crop.y0() + y) * w + crop.x0() + x] = (byte) (l == GC_FGD || l == GC_PR_FGD ? 1 : 0);
      }
    }
    return new Mask(w, h, out);
  }

  /**
   * Fits both colour mixtures to the labels of {@code crop} without a cut: {@code models} ({@code
   * [2][0]}) receives them ({@code [2][65]}: background, object), or stays empty when the crop
   * lacks samples of either side.
   */
  static void learn(byte[] rgb, byte[] labels, int w, int h, PixelBox crop, double[][] models) {
    run(rgb, labels, w, h, crop, 0, models, true);
  }

  /** GrabCut needs samples of both sides to fit its colour mixtures. */
  private static boolean hasBoth(byte[] lab) {
    boolean fg = false;
    boolean bg = false;
    for (byte l : lab) {
      fg |= l == GC_FGD || l == GC_PR_FGD;
      bg |= !(l == GC_FGD || l == GC_PR_FGD);
    }
    return fg && bg;
  }
}
