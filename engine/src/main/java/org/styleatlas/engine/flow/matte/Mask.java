package org.styleatlas.engine.flow.matte;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;

import java.nio.IntBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.styleatlas.engine.video.Matte;

/**
 * A binary object mask on a frame: {@code bits[y * width + x]} is 1 on the object, 0 elsewhere. The
 * morphology (OpenCV, elliptic structuring elements) and component clean-up the box matte uses.
 *
 * @param width pixels, &gt; 0
 * @param height pixels, &gt; 0
 * @param bits {@code [height·width]}, 0 or 1, row-major, top row first
 */
record Mask(int width, int height, byte[] bits) {

  Mask {
    if (width <= 0 || height <= 0 || bits.length != width * height) {
      throw new IllegalArgumentException(
          "mask " + width + "x" + height + " with " + bits.length + " values");
    }
  }

  /** An empty mask. */
  static Mask empty(int width, int height) {
    return new Mask(width, height, new byte[width * height]);
  }

  /** The pixels of {@code m} above ½. */
  static Mask of(Matte m) {
    byte[] b = new byte[m.width() * m.height()];
    float[] v = m.values();
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (v[i] > 0.5f ? 1 : 0);
    }
    return new Mask(m.width(), m.height(), b);
  }

  /** The rectangle {@code box} set, the rest clear. */
  static Mask of(PixelBox box, int width, int height) {
    byte[] b = new byte[width * height];
    for (int y = box.y0(); y < box.y1(); y++) {
      java.util.Arrays.fill(b, y * width + box.x0(), y * width + box.x1(), (byte) 1);
    }
    return new Mask(width, height, b);
  }

  boolean get(int x, int y) {
    return bits[y * width + x] != 0;
  }

  /** Number of object pixels. */
  int area() {
    int n = 0;
    for (byte b : bits) {
      n += b;
    }
    return n;
  }

  /** The matte: 1 on the object, 0 elsewhere. */
  Matte toMatte() {
    float[] v = new float[bits.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = bits[i];
    }
    return new Matte(width, height, v);
  }

  /** The smallest box holding every object pixel, or empty when there is none. */
  java.util.Optional<PixelBox> bounds() {
    int x0 = width;
    int y0 = height;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (bits[y * width + x] != 0) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    return x1 < 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(new PixelBox(x0, y0, x1 + 1, y1 + 1));
  }

  /** Erosion by a disc of radius {@code r} pixels (the frame's outside counts as object). */
  Mask eroded(int r) {
    return morph(r, false);
  }

  /** Dilation by a disc of radius {@code r} pixels. */
  Mask dilated(int r) {
    return morph(r, true);
  }

  private Mask morph(int r, boolean grow) {
    if (r <= 0) {
      return this;
    }
    byte[] out = new byte[bits.length];
    try (Mat src = toMat();
        Mat dst = new Mat();
        Size k = new Size(2 * r + 1, 2 * r + 1);
        Mat kernel = getStructuringElement(MORPH_ELLIPSE, k)) {
      if (grow) {
        dilate(src, dst, kernel);
      } else {
        erode(src, dst, kernel);
      }
      dst.data().get(out);
    }
    return new Mask(width, height, out);
  }

  /** Pixels set here or in {@code other}. */
  Mask union(Mask other) {
    byte[] out = new byte[bits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (bits[i] | other.bits[i]);
    }
    return new Mask(width, height, out);
  }

  /** Pixels set here and in {@code other}. */
  Mask intersection(Mask other) {
    byte[] out = new byte[bits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (bits[i] & other.bits[i]);
    }
    return new Mask(width, height, out);
  }

  /** Pixels set here and not in {@code other}. */
  Mask minus(Mask other) {
    byte[] out = new byte[bits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (bits[i] != 0 && other.bits[i] == 0 ? 1 : 0);
    }
    return new Mask(width, height, out);
  }

  /**
   * The largest 8-connected component, with every other component of at least {@code keep} times
   * its area, and the holes (background components that touch no frame edge) filled.
   */
  Mask cleaned(double keep) {
    Mask objects = components(this, keep);
    Mask inverse = objects.inverted();
    byte[] out = objects.bits.clone();
    try (Mat src = inverse.toMat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat()) {
      int n = connectedComponentsWithStats(src, labels, stats, centroids, 4, 4);
      boolean[] hole = new boolean[n];
      IntBuffer s = stats.createBuffer();
      for (int c = 1; c < n; c++) {
        int x = s.get(c * 5);
        int y = s.get(c * 5 + 1);
        int w = s.get(c * 5 + 2);
        int h = s.get(c * 5 + 3);
        hole[c] = x > 0 && y > 0 && x + w < width && y + h < height;
      }
      IntBuffer l = labels.createBuffer();
      for (int i = 0; i < out.length; i++) {
        if (hole[l.get(i)]) {
          out[i] = 1;
        }
      }
    }
    return new Mask(width, height, out);
  }

  private static Mask components(Mask m, double keep) {
    byte[] out = new byte[m.bits.length];
    try (Mat src = m.toMat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat()) {
      int n = connectedComponentsWithStats(src, labels, stats, centroids, 8, 4);
      if (n <= 1) {
        return m;
      }
      IntBuffer s = stats.createBuffer();
      int largest = 0;
      for (int c = 1; c < n; c++) {
        largest = Math.max(largest, s.get(c * 5 + 4));
      }
      boolean[] kept = new boolean[n];
      for (int c = 1; c < n; c++) {
        kept[c] = s.get(c * 5 + 4) >= Math.max(1, keep * largest);
      }
      IntBuffer l = labels.createBuffer();
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) (kept[l.get(i)] ? 1 : 0);
      }
    }
    return new Mask(m.width, m.height, out);
  }

  private Mask inverted() {
    byte[] out = new byte[bits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (1 - bits[i]);
    }
    return new Mask(width, height, out);
  }

  /** A new 8-bit Mat of 0/1 values; the caller closes it. */
  Mat toMat() {
    Mat m = new Mat(height, width, CV_8UC1);
    m.data().put(bits);
    return m;
  }
}
