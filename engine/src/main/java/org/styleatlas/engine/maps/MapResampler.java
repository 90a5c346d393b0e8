package org.styleatlas.engine.maps;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.styleatlas.engine.render.FrameLayerMaps;

/**
 * Resamples one frame's working-size maps to an output size (bilinear, pixel centres aligned:
 * output pixel (x, y) reads the working grid at ((x + 0.5)·W/w − 0.5, (y + 0.5)·H/h − 0.5),
 * extrapolated linearly at the borders) and names the output pixels the interpolation cannot be
 * trusted with: those whose working cell (the 2x2 working pixels they interpolate) holds an edge or
 * a bend of the opacity (a second difference of α above {@link #ALPHA_BEND} at one of its corners),
 * or a seam of a visible mapping (u or v jumps by more than {@link #UV_SEAM} across it, or bends by
 * more than {@link #UV_BEND} in a cell where α bends). The mappings and α are smooth away from
 * those cells, so there the resampled maps match an evaluation of the networks at the output
 * pixels; at the named pixels the caller puts the networks' own values ({@link #patch}): all five
 * at a seam, α alone where only α bends (the mappings are as smooth across the object's edge as
 * anywhere else, and the opacity network is a third of the cost).
 *
 * <p>Which pixels are named depends only on the working maps and the output size, so the exact
 * values can be stored as a bare list in that order and matched up again later.
 */
public final class MapResampler {
  /**
   * Second difference of α along a row or column at a cell's corner above which its output pixels
   * are evaluated exactly. Bilinear interpolation is exact where α is linear and errs by about an
   * eighth of the second difference elsewhere (here under an eighth of an 8-bit level); an edge of
   * the opacity, a step of up to 1 across a pixel or two, bends it far more than that.
   */
  public static final float ALPHA_BEND = 2f / 255;

  /**
   * u or v change across a working cell (atlas coordinates in [-1, 1]) above which the mapping is
   * taken to jump (an atlas seam or a fold): a smooth mapping moves a few thousandths per working
   * pixel.
   */
  public static final float UV_SEAM = 0.05f;

  /**
   * Second difference of u or v (along a row or a column, at a corner of a cell where α bends)
   * above which the cell's mappings are evaluated too, not α alone: bilinear interpolation errs by
   * at most a quarter of it (here 5e-4, a fraction of an atlas texel).
   */
  public static final float UV_BEND = 0.002f;

  /** A cell's class: smooth, resampled. */
  static final byte SMOOTH = 0;

  /** A cell's class: α bends, the mappings are smooth: α evaluated, the mappings resampled. */
  static final byte ALPHA = 1;

  /** A cell's class: a mapping seam or bend: every network evaluated. */
  static final byte ALL = 2;

  /** Output rows resampled per parallel task. */
  private static final int ROWS_PER_BAND = 32;

  /** Opacity below which a pixel's foreground mapping cannot show (the renderer's cut-off). */
  private static final float INVISIBLE = 1f / 512;

  /**
   * Resampled maps and the pixels still to evaluate exactly.
   *
   * @param maps the bilinear maps at the output size (the {@code exact} pixels hold interpolated
   *     values until patched)
   * @param exact the output pixels to evaluate exactly
   */
  public record Resampled(FrameLayerMaps maps, Exact exact) {}

  /**
   * The output pixels the interpolation cannot be trusted with.
   *
   * @param all row-major indices, ascending, where every network is evaluated (u_f, v_f, u_b, v_b,
   *     α)
   * @param alpha row-major indices, ascending, where the opacity network alone is evaluated
   */
  public record Exact(int[] all, int[] alpha) {
    /** How many floats the exact values of these pixels take: 5 per pixel of all, 1 of alpha. */
    public int values() {
      return 5 * all.length + alpha.length;
    }

    /** How many output pixels are evaluated by at least one network. */
    public int pixels() {
      return all.length + alpha.length;
    }
  }

  private MapResampler() {}

  /**
   * Resamples {@code working} to {@code width x height} and names the pixels to evaluate exactly.
   */
  public static Resampled resample(FrameLayerMaps working, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "output size must be positive, got " + width + "x" + height);
    }
    int ww = working.width();
    int wh = working.height();
    Axis xs = Axis.of(ww, width);
    Axis ys = Axis.of(wh, height);
    float[] wf = working.foregroundUv();
    float[] wb = working.backgroundUv();
    float[] wa = working.alpha();
    int n = width * height;
    float[] f = new float[2 * n];
    float[] b = new float[2 * n];
    float[] a = new float[n];
    int bands = (height + ROWS_PER_BAND - 1) / ROWS_PER_BAND;
    IntStream.range(0, bands)
        .parallel()
        .forEach(
            band -> {
              for (int y = band * ROWS_PER_BAND;
                  y < Math.min(height, (band + 1) * ROWS_PER_BAND);
                  y++) {
                resampleRow(y, width, ww, xs, ys, wf, wb, wa, f, b, a);
              }
            });
    return new Resampled(
        new FrameLayerMaps(width, height, f, b, a), exactPixels(working, width, height));
  }

  /** Resamples output row {@code y} of all maps. */
  private static void resampleRow(
      int y,
      int width,
      int ww,
      Axis xs,
      Axis ys,
      float[] wf,
      float[] wb,
      float[] wa,
      float[] f,
      float[] b,
      float[] a) {
    int r0 = ys.lo[y] * ww;
    int r1 = ys.hi[y] * ww;
    float fy = ys.frac[y];
    for (int x = 0; x < width; x++) {
      int p = y * width + x;
      int c00 = r0 + xs.lo[x];
      int c01 = r0 + xs.hi[x];
      int c10 = r1 + xs.lo[x];
      int c11 = r1 + xs.hi[x];
      float fx = xs.frac[x];
      float w00 = (1 - fx) * (1 - fy);
      float w01 = fx * (1 - fy);
      float w10 = (1 - fx) * fy;
      float w11 = fx * fy;
      a[p] = w00 * wa[c00] + w01 * wa[c01] + w10 * wa[c10] + w11 * wa[c11];
      for (int k = 0; k < 2; k++) {
        f[2 * p + k] =
            w00 * wf[2 * c00 + k]
                + w01 * wf[2 * c01 + k]
                + w10 * wf[2 * c10 + k]
                + w11 * wf[2 * c11 + k];
        b[2 * p + k] =
            w00 * wb[2 * c00 + k]
                + w01 * wb[2 * c01 + k]
                + w10 * wb[2 * c10 + k]
                + w11 * wb[2 * c11 + k];
      }
    }
  }

  /**
   * The output pixels of a {@code width x height} grid that {@link #resample} leaves to an exact
   * evaluation: those whose working cell holds a mapping seam or bend (all networks), and those
   * whose cell holds an opacity edge only (α alone).
   */
  public static Exact exactPixels(FrameLayerMaps working, int width, int height) {
    Axis xs = Axis.of(working.width(), width);
    Axis ys = Axis.of(working.height(), height);
    byte[] cells = edgeCells(working);
    IntList all = new IntList();
    IntList alpha = new IntList();
    for (int y = 0; y < height; y++) {
      int row = ys.lo[y] * working.width();
      for (int x = 0; x < width; x++) {
        byte c = cells[row + xs.lo[x]];
        if (c == ALL) {
          all.add(y * width + x);
        } else if (c == ALPHA) {
          alpha.add(y * width + x);
        }
      }
    }
    return new Exact(all.toArray(), alpha.toArray());
  }

  /** A growing list of ints. */
  private static final class IntList {
    private int[] values = new int[1 << 12];
    private int count;

    void add(int v) {
      if (count == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[count++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(values, count);
    }
  }

  /**
   * Puts exactly evaluated values into resampled maps.
   *
   * @param values {@code [exact.all.length, 5]}: u_f, v_f, u_b, v_b, α per pixel of {@code
   *     exact.all}, then {@code [exact.alpha.length]}: α per pixel of {@code exact.alpha}, in their
   *     order
   */
  public static void patch(Resampled r, float[] values) {
    Exact exact = r.exact();
    if (values.length != exact.values()) {
      throw new IllegalArgumentException(
          values.length
              + " exact values, the resampled maps name "
              + exact.all().length
              + " pixels for all networks and "
              + exact.alpha().length
              + " for α alone ("
              + exact.values()
              + " values)");
    }
    float[] f = r.maps().foregroundUv();
    float[] b = r.maps().backgroundUv();
    float[] a = r.maps().alpha();
    int[] all = exact.all();
    for (int i = 0; i < all.length; i++) {
      int p = all[i];
      f[2 * p] = values[5 * i];
      f[2 * p + 1] = values[5 * i + 1];
      b[2 * p] = values[5 * i + 2];
      b[2 * p + 1] = values[5 * i + 3];
      a[p] = values[5 * i + 4];
    }
    int[] alphaOnly = exact.alpha();
    int offset = 5 * all.length;
    for (int i = 0; i < alphaOnly.length; i++) {
      a[alphaOnly[i]] = values[offset + i];
    }
  }

  /**
   * Per working pixel (the top-left corner of a cell; the last column and row are cells of one
   * pixel's width): {@link #ALL} where the cell holds a visible mapping seam, or a mapping bend
   * where α bends; {@link #ALPHA} where α bends only; else {@link #SMOOTH}.
   */
  static byte[] edgeCells(FrameLayerMaps m) {
    int w = m.width();
    int h = m.height();
    float[] a = m.alpha();
    float[] f = m.foregroundUv();
    float[] b = m.backgroundUv();
    byte[] cells = new byte[w * h];
    for (int y = 0; y < h; y++) {
      int y1 = Math.min(y + 1, h - 1);
      for (int x = 0; x < w; x++) {
        int x1 = Math.min(x + 1, w - 1);
        int[] c = {y * w + x, y * w + x1, y1 * w + x, y1 * w + x1};
        float lo = a[c[0]];
        float hi = lo;
        for (int i = 1; i < 4; i++) {
          lo = Math.min(lo, a[c[i]]);
          hi = Math.max(hi, a[c[i]]);
        }
        boolean foreground = hi >= INVISIBLE;
        boolean background = lo <= 1 - INVISIBLE;
        if (foreground && jumps(f, c) || background && jumps(b, c)) {
          cells[y * w + x] = ALL;
          continue;
        }
        boolean alphaBends =
            bends(a, w, h, x, y)
                || bends(a, w, h, x1, y)
                || bends(a, w, h, x, y1)
                || bends(a, w, h, x1, y1);
        if (!alphaBends) {
          continue;
        }
        boolean uvBends =
            foreground && uvBends(f, w, h, x, y, x1, y1)
                || background && uvBends(b, w, h, x, y, x1, y1);
        cells[y * w + x] = uvBends ? ALL : ALPHA;
      }
    }
    return cells;
  }

  /**
   * Whether u or v of {@code uv} has a second difference above {@link #UV_BEND} along a row or a
   * column at one of the cell's corners.
   */
  private static boolean uvBends(float[] uv, int w, int h, int x, int y, int x1, int y1) {
    int[][] corners = {{x, y}, {x1, y}, {x, y1}, {x1, y1}};
    for (int[] q : corners) {
      int p = q[1] * w + q[0];
      for (int k = 0; k < 2; k++) {
        if (q[0] > 0
                && q[0] < w - 1
                && Math.abs(uv[2 * (p - 1) + k] - 2 * uv[2 * p + k] + uv[2 * (p + 1) + k]) > UV_BEND
            || q[1] > 0
                && q[1] < h - 1
                && Math.abs(uv[2 * (p - w) + k] - 2 * uv[2 * p + k] + uv[2 * (p + w) + k])
                    > UV_BEND) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether α's second difference along the row or the column at (x, y) exceeds {@link
   * #ALPHA_BEND}.
   */
  private static boolean bends(float[] a, int w, int h, int x, int y) {
    int p = y * w + x;
    boolean row = x > 0 && x < w - 1 && Math.abs(a[p - 1] - 2 * a[p] + a[p + 1]) > ALPHA_BEND;
    return row || (y > 0 && y < h - 1 && Math.abs(a[p - w] - 2 * a[p] + a[p + w]) > ALPHA_BEND);
  }

  /**
   * Whether u or v of {@code uv} changes by more than {@link #UV_SEAM} across the cell's corners.
   */
  private static boolean jumps(float[] uv, int[] c) {
    for (int k = 0; k < 2; k++) {
      float lo = uv[2 * c[0] + k];
      float hi = lo;
      for (int i = 1; i < 4; i++) {
        lo = Math.min(lo, uv[2 * c[i] + k]);
        hi = Math.max(hi, uv[2 * c[i] + k]);
      }
      if (hi - lo > UV_SEAM) {
        return true;
      }
    }
    return false;
  }

  /**
   * Per output coordinate along one axis: the two working samples it interpolates and the weight of
   * the second. Coordinates beyond the outermost working pixel centres (half a working pixel at
   * each border) extrapolate the border cell linearly (a weight below 0 or above 1) instead of
   * holding its value.
   */
  private record Axis(int[] lo, int[] hi, float[] frac) {
    static Axis of(int working, int output) {
      int[] lo = new int[output];
      int[] hi = new int[output];
      float[] frac = new float[output];
      double scale = working / (double) output;
      for (int i = 0; i < output; i++) {
        double s = (i + 0.5) * scale - 0.5;
        lo[i] = Math.max(0, Math.min(working - 2, (int) Math.floor(s)));
        hi[i] = Math.min(lo[i] + 1, working - 1);
        frac[i] = hi[i] == lo[i] ? 0f : (float) (s - lo[i]);
      }
      return new Axis(lo, hi, frac);
    }
  }
}
