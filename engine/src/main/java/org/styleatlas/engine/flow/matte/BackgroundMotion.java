package org.styleatlas.engine.flow.matte;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.findHomography;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The motion cue of the box matte: the background's motion between two frames, fitted as one
 * homography (OpenCV RANSAC) to the optical flow outside the object's neighbourhood, and each
 * pixel's departure from it. A pixel whose flow departs by more than a few pixels moves on its own,
 * as the object does (the camera's pan, zoom and the water's drift are the homography).
 */
final class BackgroundMotion {
  /** Grid step, in pixels, of the flow samples the homography is fitted to. */
  private static final int STEP = 4;

  /** RANSAC inlier threshold, pixels. */
  private static final double RANSAC_PX = 1.0;

  private static final int RANSAC_ITERATIONS = 2000;
  private static final int MIN_SAMPLES = 12;

  private BackgroundMotion() {}

  /**
   * Per pixel, how far the flow departs from the background's homography, in pixels.
   *
   * @param flow {@code [h·w·2]} (dx, dy) pixels from this frame to the other
   * @param object pixels excluded from the fit (the object and its surroundings)
   * @return {@code [h·w]} residual in pixels, or empty when too little background is visible to fit
   */
  static Optional<float[]> residual(float[] flow, Mask object) {
    int w = object.width();
    int h = object.height();
    int n = 0;
    float[] src = new float[(w / STEP + 1) * (h / STEP + 1) * 2];
    float[] dst = new float[src.length];
    for (int y = STEP / 2; y < h; y += STEP) {
      for (int x = STEP / 2; x < w; x += STEP) {
        if (!object.get(x, y)) {
          int p = y * w + x;
          src[2 * n] = x;
          src[2 * n + 1] = y;
          dst[2 * n] = x + flow[2 * p];
          dst[2 * n + 1] = y + flow[2 * p + 1];
          n++;
        }
      }
    }
    if (n < MIN_SAMPLES) {
      return Optional.empty();
    }
    double[] m = new double[9];
    try (Mat a = new Mat(n, 1, CV_32FC2);
        Mat b = new Mat(n, 1, CV_32FC2);
        Mat inliers = new Mat()) {
      FloatBuffer fa = a.createBuffer();
      fa.put(src, 0, 2 * n);
      FloatBuffer fb = b.createBuffer();
      fb.put(dst, 0, 2 * n);
      try (Mat hm = findHomography(a, b, RANSAC, RANSAC_PX, inliers, RANSAC_ITERATIONS, 0.995)) {
        if (hm.empty()) {
          return Optional.empty();
        }
        DoubleBuffer d = hm.createBuffer();
        d.get(m);
      }
    }
    float[] r = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double z = m[6] * x + m[7] * y + m[8];
        double ex = (m[0] * x + m[1] * y + m[2]) / z - x;
        double ey = (m[3] * x + m[4] * y + m[5]) / z - y;
        int p = y * w + x;
        r[p] = (float) Math.hypot(flow[2 * p] - ex, flow[2 * p + 1] - ey);
      }
    }
    return Optional.of(r);
  }

  /**
   * The pixels that move on their own: their departure from the background's homography (fitted
   * outside {@code object}) exceeds the background's own median departure by {@code motionPx}.
   *
   * @param flow {@code [h·w·2]} (dx, dy) pixels from this frame to the other
   * @return empty when too little background is visible to fit
   */
  static Optional<Mask> moving(float[] flow, Mask object, double motionPx) {
    return residual(flow, object)
        .map(
            r -> {
              float limit = backgroundMedian(r, object) + (float) motionPx;
              byte[] b = new byte[r.length];
              for (int i = 0; i < r.length; i++) {
                b[i] = (byte) (r[i] > limit ? 1 : 0);
              }
              return new Mask(object.width(), object.height(), b);
            });
  }

  /** The median of {@code r} over the pixels outside {@code object} (the background's noise). */
  static float backgroundMedian(float[] r, Mask object) {
    float[] v = new float[r.length];
    int n = 0;
    for (int i = 0; i < r.length; i++) {
      if (object.bits()[i] == 0) {
        v[n++] = r[i];
      }
    }
    if (n == 0) {
      return 0;
    }
    Arrays.sort(v, 0, n);
    return v[n / 2];
  }
}
