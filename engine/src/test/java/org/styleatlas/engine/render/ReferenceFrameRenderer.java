package org.styleatlas.engine.render;

import org.styleatlas.engine.video.Frame;

/**
 * A frozen, single-threaded copy of the per-pixel renderer as it was before the per-mode kernels
 * ({@code FrameRenderer} at 214476e): a {@code switch} per pixel, {@link AtlasTexture}'s bilinear
 * sample as it was written then, and a whole-frame bilinear resize of the source first. The
 * equivalence test holds the optimised renderer to it bit for bit; keep it as it is.
 */
final class ReferenceFrameRenderer {
  private ReferenceFrameRenderer() {}

  /** The frame the old renderer produced, see {@link FrameRenderer#render}. */
  static Frame render(
      FrameLayerMaps maps, Frame original, AtlasTexture fg, AtlasTexture bg, OutputMode mode) {
    int w = maps.width();
    int h = maps.height();
    if (mode == OutputMode.ORIGINAL) {
      return resize(original.rgb(), w, h);
    }
    Frame source = mode == OutputMode.COMPOSITE ? resize(original, w, h) : null;
    int ch = mode.channels();
    float[] out = new float[w * h * ch];
    float[] alpha = maps.alpha();
    float[] uvf = maps.foregroundUv();
    float[] uvb = maps.backgroundUv();
    float[] src = source == null ? null : source.pixels();
    int sc = source == null ? 0 : source.channels();
    float[] cf = new float[3];
    float[] cb = new float[3];
    for (int p = 0, end = w * h; p < end; p++) {
      float a = alpha[p];
      switch (mode) {
        case MATTE -> {
          out[p * 3] = a;
          out[p * 3 + 1] = a;
          out[p * 3 + 2] = a;
        }
        case FOREGROUND_LAYER -> {
          sample(fg, uvf[2 * p], uvf[2 * p + 1], cf);
          out[p * 4] = a * cf[0];
          out[p * 4 + 1] = a * cf[1];
          out[p * 4 + 2] = a * cf[2];
          out[p * 4 + 3] = a;
        }
        case RECONSTRUCTION -> {
          sample(fg, uvf[2 * p], uvf[2 * p + 1], cf);
          sample(bg, uvb[2 * p], uvb[2 * p + 1], cb);
          for (int c = 0; c < 3; c++) {
            out[p * 3 + c] = (1 - a) * cb[c] + a * cf[c];
          }
        }
        default -> {
          if (a < FrameRenderer.INVISIBLE_ALPHA) {
            System.arraycopy(src, p * sc, out, p * 3, 3);
          } else {
            sample(fg, uvf[2 * p], uvf[2 * p + 1], cf);
            for (int c = 0; c < 3; c++) {
              out[p * 3 + c] = (1 - a) * src[p * sc + c] + a * cf[c];
            }
          }
        }
      }
    }
    return new Frame(w, h, ch, out);
  }

  /** The old {@code AtlasTexture.sample}. */
  private static void sample(AtlasTexture t, float u, float v, float[] out) {
    AtlasExtent e = t.extent();
    int width = t.width();
    int height = t.height();
    float[] rgb = t.rgb();
    float x = (float) ((u - e.u0()) * width / (e.u1() - e.u0()) - 0.5);
    float y = (float) ((v - e.v0()) * height / (e.v1() - e.v0()) - 0.5);
    x = Math.max(0, Math.min(width - 1, x));
    y = Math.max(0, Math.min(height - 1, y));
    int x0 = Math.min((int) x, width - 2);
    int y0 = Math.min((int) y, height - 2);
    float fx = x - x0;
    float fy = y - y0;
    int i00 = (y0 * width + x0) * 3;
    int i01 = i00 + 3;
    int i10 = i00 + width * 3;
    int i11 = i10 + 3;
    float w00 = (1 - fx) * (1 - fy);
    float w01 = fx * (1 - fy);
    float w10 = (1 - fx) * fy;
    float w11 = fx * fy;
    for (int c = 0; c < 3; c++) {
      out[c] = w00 * rgb[i00 + c] + w01 * rgb[i01 + c] + w10 * rgb[i10 + c] + w11 * rgb[i11 + c];
    }
  }

  /** The old whole-frame {@code FrameResampler.resize}. */
  private static Frame resize(Frame f, int width, int height) {
    if (f.width() == width && f.height() == height) {
      return f;
    }
    int w = f.width();
    int h = f.height();
    int c = f.channels();
    float[] src = f.pixels();
    float[] out = new float[width * height * c];
    float sx = w / (float) width;
    float sy = h / (float) height;
    for (int y = 0; y < height; y++) {
      float fy = Math.max(0, Math.min(h - 1, (y + 0.5f) * sy - 0.5f));
      int y0 = Math.min((int) fy, Math.max(0, h - 2));
      int y1 = Math.min(y0 + 1, h - 1);
      float wy = fy - y0;
      for (int x = 0; x < width; x++) {
        float fx = Math.max(0, Math.min(w - 1, (x + 0.5f) * sx - 0.5f));
        int x0 = Math.min((int) fx, Math.max(0, w - 2));
        int x1 = Math.min(x0 + 1, w - 1);
        float wx = fx - x0;
        int o = (y * width + x) * c;
        for (int k = 0; k < c; k++) {
          float top = src[(y0 * w + x0) * c + k] * (1 - wx) + src[(y0 * w + x1) * c + k] * wx;
          float bottom = src[(y1 * w + x0) * c + k] * (1 - wx) + src[(y1 * w + x1) * c + k] * wx;
          out[o + k] = top * (1 - wy) + bottom * wy;
        }
      }
    }
    return new Frame(width, height, c, out);
  }
}
