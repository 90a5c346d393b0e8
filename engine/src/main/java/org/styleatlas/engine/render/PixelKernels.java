package org.styleatlas.engine.render;

/**
 * The per-mode inner loops of {@link FrameRenderer}: one tight loop per {@link OutputMode} over a
 * run of pixels {@code [p0, p1)} (whole rows of one frame), no per-pixel branching on the mode, the
 * atlas sampled through {@link AtlasSampler}. Inputs are the {@link FrameLayerMaps} planes: α
 * {@code [H·W]}, uv {@code [H·W·2]}; outputs are interleaved {@code [H·W·C]} float32 planes in the
 * engine's pixel convention. The arithmetic is the per-pixel formulas of {@link FrameRenderer}'s
 * class comment, in a fixed order, so every split into bands gives the same bits.
 */
final class PixelKernels {
  private PixelKernels() {}

  /** Matte: {@code out[p] = (α, α, α)}, RGB. */
  static void matte(float[] alpha, float[] out, int p0, int p1) {
    for (int p = p0, o = 3 * p0; p < p1; p++, o += 3) {
      float a = alpha[p];
      out[o] = a;
      out[o + 1] = a;
      out[o + 2] = a;
    }
  }

  /** Premultiplied foreground layer: {@code out[p] = (α·c_f, α)}, RGBA. */
  static void foregroundLayer(
      float[] alpha, float[] uvf, AtlasSampler fg, float[] out, int p0, int p1) {
    for (int p = p0, o = 4 * p0; p < p1; p++, o += 4) {
      float a = alpha[p];
      fg.sample(uvf[2 * p], uvf[2 * p + 1], out, o);
      out[o] = a * out[o];
      out[o + 1] = a * out[o + 1];
      out[o + 2] = a * out[o + 2];
      out[o + 3] = a;
    }
  }

  /**
   * Reconstruction: {@code out[p] = (1 − α)·c_b + α·c_f}, RGB.
   *
   * @param scratch at least 3 floats, overwritten (the background colour)
   */
  static void reconstruction(
      float[] alpha,
      float[] uvf,
      float[] uvb,
      AtlasSampler fg,
      AtlasSampler bg,
      float[] out,
      int p0,
      int p1,
      float[] scratch) {
    for (int p = p0, o = 3 * p0; p < p1; p++, o += 3) {
      float a = alpha[p];
      float b = 1 - a;
      fg.sample(uvf[2 * p], uvf[2 * p + 1], out, o);
      bg.sample(uvb[2 * p], uvb[2 * p + 1], scratch, 0);
      out[o] = b * scratch[0] + a * out[o];
      out[o + 1] = b * scratch[1] + a * out[o + 1];
      out[o + 2] = b * scratch[2] + a * out[o + 2];
    }
  }

  /**
   * Composite over the source already in {@code out}: pixels with α below {@code cutoff} keep it
   * untouched (no atlas read), the others become {@code (1 − α·(1 − k))·source + α·c_f}, RGB. With
   * detail k = 0 that is {@code (1 − α)·source + α·c_f}; with k &gt; 0 the atlas sampled is {@link
   * AtlasSet#foregroundWithDetail} (c_f = c_s − k·c_o), so the object keeps k times the source's
   * own detail.
   *
   * @param detail k in [0, 1]
   * @param out holds the source frame's RGB at the output size on entry
   * @param scratch at least 3 floats, overwritten (the foreground colour)
   */
  static void compositeInPlace(
      float[] alpha,
      float[] uvf,
      AtlasSampler fg,
      float cutoff,
      float detail,
      float[] out,
      int p0,
      int p1,
      float[] scratch) {
    float keep = 1 - detail;
    for (int p = p0; p < p1; p++) {
      float a = alpha[p];
      if (a < cutoff) {
        continue;
      }
      int o = 3 * p;
      float b = 1 - a * keep;
      fg.sample(uvf[2 * p], uvf[2 * p + 1], scratch, 0);
      out[o] = b * out[o] + a * scratch[0];
      out[o + 1] = b * out[o + 1] + a * scratch[1];
      out[o + 2] = b * out[o + 2] + a * scratch[2];
    }
  }

  /**
   * The composite over straight RGBA in place ({@code [n, 4]}): where the effective opacity a =
   * strength·α is at or above {@code cutoff}, RGB = (1 − a)·RGB + a·c_f and alpha = alpha + a·(1 −
   * alpha); elsewhere the pixel is not touched.
   *
   * @param o0 where pixel {@code p0}'s four floats start in {@code rgba} (4·p0 for a whole frame,
   *     or the start of a band's copy)
   */
  static void compositeRgbaInPlace(
      float[] alpha,
      float[] uvf,
      AtlasSampler fg,
      float strength,
      float cutoff,
      float[] rgba,
      int o0,
      int p0,
      int p1,
      float[] scratch) {
    for (int p = p0; p < p1; p++) {
      float a = strength * alpha[p];
      if (a < cutoff) {
        continue;
      }
      int o = o0 + 4 * (p - p0);
      float b = 1 - a;
      fg.sample(uvf[2 * p], uvf[2 * p + 1], scratch, 0);
      rgba[o] = b * rgba[o] + a * scratch[0];
      rgba[o + 1] = b * rgba[o + 1] + a * scratch[1];
      rgba[o + 2] = b * rgba[o + 2] + a * scratch[2];
      rgba[o + 3] = rgba[o + 3] + a * (1 - rgba[o + 3]);
    }
  }
}
