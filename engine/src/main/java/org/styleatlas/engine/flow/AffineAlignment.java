package org.styleatlas.engine.flow;

import java.util.Optional;
import org.styleatlas.engine.math.LinearSystem;

/**
 * Refines an affine map between two grey images by Gauss–Newton on the brightness difference
 * (forward additive Lucas–Kanade): minimises Σ_p (J(A·p) − I(p))² over the selected pixels p of I,
 * with J sampled bilinearly. Maps are six numbers as in {@link LayerMotion}; images are {@code
 * [H·W]} row-major, pixel centres at integer + ½. Both images are box-blurred first, which widens
 * the basin of convergence to a few pixels; a step that does not lower the error ends the
 * refinement.
 */
final class AffineAlignment {
  private static final int ITERATIONS = 30;
  private static final double CONVERGED = 1e-4;

  private final int w;
  private final int h;

  AffineAlignment(int width, int height) {
    this.w = width;
    this.h = height;
  }

  /**
   * @param a the starting map from I's pixels to J's
   * @param source I
   * @param target J
   * @param selected which pixels of I take part
   * @return the refined map (the start when nothing improves it)
   */
  double[] refine(double[] a, float[] source, float[] target, boolean[] selected) {
    float[] src = blur(source);
    float[] dst = blur(target);
    double[] best = a.clone();
    double bestError = error(best, src, dst, selected);
    for (int it = 0; it < ITERATIONS; it++) {
      double[][] hessian = new double[6][6];
      double[] grad = new double[6];
      for (int p = 0; p < w * h; p++) {
        if (!selected[p]) {
          continue;
        }
        double x = p % w + 0.5;
        double y = p / w + 0.5;
        double[] q = LayerMotion.apply(best, x, y);
        if (!inside(q[0], q[1])) {
          continue;
        }
        double r = sample(dst, q[0], q[1]) - src[p];
        double gx = (sample(dst, q[0] + 0.5, q[1]) - sample(dst, q[0] - 0.5, q[1]));
        double gy = (sample(dst, q[0], q[1] + 0.5) - sample(dst, q[0], q[1] - 0.5));
        double[] j = {gx, gx * x, gx * y, gy, gy * x, gy * y};
        for (int k = 0; k < 6; k++) {
          grad[k] += j[k] * r;
          for (int l = 0; l < 6; l++) {
            hessian[k][l] += j[k] * j[l];
          }
        }
      }
      double[][] system = new double[6][7];
      for (int k = 0; k < 6; k++) {
        System.arraycopy(hessian[k], 0, system[k], 0, 6);
        system[k][6] = grad[k];
      }
      Optional<double[]> solved = LinearSystem.solve(system);
      if (solved.isEmpty()) {
        break;
      }
      double[] step = solved.get();
      double[] next = new double[6];
      for (int k = 0; k < 6; k++) {
        next[k] = best[k] - step[k];
      }
      double e = error(next, src, dst, selected);
      if (!(e < bestError)) {
        break;
      }
      boolean small = Math.abs(step[0]) + Math.abs(step[3]) < CONVERGED;
      best = next;
      bestError = e;
      if (small) {
        break;
      }
    }
    return best;
  }

  /** Mean squared difference over the selected pixels that land inside J (∞ when none do). */
  private double error(double[] a, float[] src, float[] dst, boolean[] selected) {
    double sum = 0;
    int n = 0;
    for (int p = 0; p < w * h; p++) {
      if (selected[p]) {
        double[] q = LayerMotion.apply(a, p % w + 0.5, p / w + 0.5);
        if (inside(q[0], q[1])) {
          double r = sample(dst, q[0], q[1]) - src[p];
          sum += r * r;
          n++;
        }
      }
    }
    return n == 0 ? Double.POSITIVE_INFINITY : sum / n;
  }

  private boolean inside(double x, double y) {
    return x >= 1 && y >= 1 && x <= w - 1 && y <= h - 1;
  }

  /**
   * Bilinear sample at a continuous position (pixel centres at integer + ½), clamped to the image.
   */
  private double sample(float[] img, double x, double y) {
    double fx = Math.max(0, Math.min(w - 1, x - 0.5));
    double fy = Math.max(0, Math.min(h - 1, y - 0.5));
    int x0 = (int) Math.min(w - 2, Math.floor(fx));
    int y0 = (int) Math.min(h - 2, Math.floor(fy));
    double tx = fx - x0;
    double ty = fy - y0;
    double top = img[y0 * w + x0] * (1 - tx) + img[y0 * w + x0 + 1] * tx;
    double bottom = img[(y0 + 1) * w + x0] * (1 - tx) + img[(y0 + 1) * w + x0 + 1] * tx;
    return top * (1 - ty) + bottom * ty;
  }

  /** 3x3 box blur, twice (edges clamped). */
  private float[] blur(float[] img) {
    return box(box(img));
  }

  private float[] box(float[] img) {
    float[] out = new float[img.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int xx = Math.max(0, Math.min(w - 1, x + dx));
            int yy = Math.max(0, Math.min(h - 1, y + dy));
            s += img[yy * w + xx];
          }
        }
        out[y * w + x] = s / 9;
      }
    }
    return out;
  }
}
