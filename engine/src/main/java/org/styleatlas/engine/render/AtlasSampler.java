package org.styleatlas.engine.render;

/**
 * Bilinear sampling of one {@link AtlasTexture} with its extent unpacked into plain fields, for the
 * render kernels' inner loops. The arithmetic is exactly {@link AtlasTexture#sample}'s (which
 * delegates here), so a kernel's colours are bit-identical to sampling the texture.
 */
final class AtlasSampler {
  private final float[] rgb;
  private final int width;
  private final int height;
  private final double u0;
  private final double v0;
  private final double uSpan;
  private final double vSpan;

  AtlasSampler(AtlasTexture texture) {
    AtlasExtent e = texture.extent();
    this.rgb = texture.rgb();
    this.width = texture.width();
    this.height = texture.height();
    this.u0 = e.u0();
    this.v0 = e.v0();
    this.uSpan = e.u1() - e.u0();
    this.vSpan = e.v1() - e.v0();
  }

  /**
   * Bilinear sample at atlas point (u, v), clamped to the edge texels, written to {@code
   * out[off..off+2]}.
   *
   * @param u horizontal atlas coordinate
   * @param v vertical atlas coordinate
   * @param out receives the RGB colour
   * @param off index of the red value in {@code out}
   */
  void sample(float u, float v, float[] out, int off) {
    float x = (float) ((u - u0) * width / uSpan - 0.5);
    float y = (float) ((v - v0) * height / vSpan - 0.5);
    x = Math.max(0, Math.min(width - 1, x));
    y = Math.max(0, Math.min(height - 1, y));
    int x0 = Math.min((int) x, width - 2);
    int y0 = Math.min((int) y, height - 2);
    float fx = x - x0;
    float fy = y - y0;
    int i00 = (y0 * width + x0) * 3;
    int i10 = i00 + width * 3;
    float w00 = (1 - fx) * (1 - fy);
    float w01 = fx * (1 - fy);
    float w10 = (1 - fx) * fy;
    float w11 = fx * fy;
    float[] t = rgb;
    out[off] = w00 * t[i00] + w01 * t[i00 + 3] + w10 * t[i10] + w11 * t[i10 + 3];
    out[off + 1] = w00 * t[i00 + 1] + w01 * t[i00 + 4] + w10 * t[i10 + 1] + w11 * t[i10 + 4];
    out[off + 2] = w00 * t[i00 + 2] + w01 * t[i00 + 5] + w10 * t[i10 + 2] + w11 * t[i10 + 5];
  }
}
