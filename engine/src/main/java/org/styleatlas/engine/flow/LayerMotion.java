package org.styleatlas.engine.flow;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-frame affine motion of one layer (the object, or the background under a moving camera):
 * for every frame t an affine map from frame t's pixel coordinates to the pixel coordinates of a
 * reference frame. Each consecutive pair is fitted to the flow vectors on the layer's pixels
 * (forward flow before the reference, backward flow after it) and the fits are chained to the
 * reference.
 *
 * <p>A map is six numbers {@code (a0..a5)}: {@code x' = a0 + a1·x + a2·y}, {@code y' = a3 + a4·x +
 * a5·y}, in pixels with pixel centres at integer + ½ (as in {@link OpticalFlow}).
 */
public final class LayerMotion {
  private static final Logger LOG = LoggerFactory.getLogger(LayerMotion.class);

  /**
   * Fewer consistent flow vectors than this on a layer leave that pair's motion at the identity.
   */
  static final int MIN_POINTS = 12;

  private static final double[] IDENTITY = {0, 1, 0, 0, 0, 1};

  /** Which pixels of frame t belong to the layer ({@code pixel} = y·W + x). */
  @FunctionalInterface
  public interface PixelSelection {
    boolean includes(int frame, int pixel);
  }

  private final double[][] toReference;
  private final int reference;

  private LayerMotion(double[][] toReference, int reference) {
    this.toReference = toReference;
    this.reference = reference;
  }

  /** No motion: every frame maps to the middle frame unchanged. */
  public static LayerMotion identity(int frames) {
    double[][] maps = new double[frames][];
    for (int t = 0; t < frames; t++) {
      maps[t] = IDENTITY.clone();
    }
    return new LayerMotion(maps, frames / 2);
  }

  /**
   * Fits the motion of the pixels {@code layer} selects.
   *
   * @param flow both-direction flow with consistency masks; only consistent vectors are used
   * @param layer the layer's pixels per frame
   * @param reference the frame every map leads to
   */
  public static LayerMotion estimate(OpticalFlow flow, PixelSelection layer, int reference) {
    int frames = flow.frames();
    if (reference < 0 || reference >= frames) {
      throw new IllegalArgumentException(
          "reference frame " + reference + " outside [0, " + frames + ")");
    }
    double[][] maps = new double[frames][];
    maps[reference] = IDENTITY.clone();
    for (int t = reference - 1; t >= 0; t--) {
      maps[t] =
          compose(
              maps[t + 1],
              fitPair(flow, layer, t, flow.forward().get(t), flow.forwardMask().get(t)));
    }
    for (int t = reference + 1; t < frames; t++) {
      double[] step =
          fitPair(flow, layer, t, flow.backward().get(t - 1), flow.backwardMask().get(t - 1));
      maps[t] = compose(maps[t - 1], step);
    }
    return new LayerMotion(maps, reference);
  }

  /**
   * This motion with every frame's map refined against the reference frame's image by {@link
   * AffineAlignment} (brightness constancy over the layer's pixels of frame t). The flow fits drift
   * as they are chained (about half a pixel per pair on the generated clip); this removes the
   * drift.
   *
   * @param luma per frame {@code [H·W]} grey values in [0, 1]
   * @param width frame width
   * @param layer the layer's pixels per frame
   */
  public LayerMotion refined(List<float[]> luma, int width, PixelSelection layer) {
    int height = luma.get(0).length / width;
    AffineAlignment align = new AffineAlignment(width, height);
    double[][] maps = new double[frames()][];
    for (int t = 0; t < frames(); t++) {
      if (t == reference) {
        maps[t] = toReference[t].clone();
        continue;
      }
      boolean[] selected = new boolean[width * height];
      for (int p = 0; p < selected.length; p++) {
        selected[p] = layer.includes(t, p);
      }
      maps[t] = align.refine(toReference[t], luma.get(t), luma.get(reference), selected);
    }
    return new LayerMotion(maps, reference);
  }

  /** Number of frames. */
  public int frames() {
    return toReference.length;
  }

  /** Where pixel position (x, y) of frame t lies in the reference frame: {@code {x', y'}}. */
  public double[] toReference(int t, double x, double y) {
    return apply(toReference[t], x, y);
  }

  /**
   * The affine fit (frame t → the neighbour the flow points to) over the selected consistent
   * vectors.
   */
  private static double[] fitPair(
      OpticalFlow flow, PixelSelection layer, int t, float[] f, float[] mask) {
    int w = flow.width();
    int plane = w * flow.height();
    double[] xs = new double[plane];
    double[] ys = new double[plane];
    double[] xt = new double[plane];
    double[] yt = new double[plane];
    int n = 0;
    for (int p = 0; p < plane; p++) {
      if (mask[p] > 0.5f && layer.includes(t, p)) {
        xs[n] = p % w + 0.5;
        ys[n] = p / w + 0.5;
        xt[n] = xs[n] + f[p * 2];
        yt[n] = ys[n] + f[p * 2 + 1];
        n++;
      }
    }
    if (n < MIN_POINTS) {
      LOG.debug(
          "frame {}: {} consistent flow vectors on the layer, motion left at the identity", t, n);
      return IDENTITY.clone();
    }
    boolean[] keep = new boolean[n];
    Arrays.fill(keep, true);
    double[] a = AffineFit.fit(xs, ys, xt, yt, keep, n);
    // One trimming pass: flow at occlusion boundaries and in flat regions is wrong; drop vectors
    // whose
    // residual is over 3× the median (at least half a pixel) and refit.
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double[] q = apply(a, xs[i], ys[i]);
      r[i] = Math.hypot(q[0] - xt[i], q[1] - yt[i]);
    }
    double[] sorted = Arrays.copyOf(r, n);
    Arrays.sort(sorted);
    double limit = Math.max(0.5, 3 * sorted[n / 2]);
    for (int i = 0; i < n; i++) {
      keep[i] = r[i] <= limit;
    }
    return AffineFit.fit(xs, ys, xt, yt, keep, n);
  }

  /** outer ∘ inner: first {@code inner}, then {@code outer}. */
  static double[] compose(double[] outer, double[] inner) {
    return new double[] {
      outer[0] + outer[1] * inner[0] + outer[2] * inner[3],
      outer[1] * inner[1] + outer[2] * inner[4],
      outer[1] * inner[2] + outer[2] * inner[5],
      outer[3] + outer[4] * inner[0] + outer[5] * inner[3],
      outer[4] * inner[1] + outer[5] * inner[4],
      outer[4] * inner[2] + outer[5] * inner[5]
    };
  }

  static double[] apply(double[] a, double x, double y) {
    return new double[] {a[0] + a[1] * x + a[2] * y, a[3] + a[4] * x + a[5] * y};
  }
}
