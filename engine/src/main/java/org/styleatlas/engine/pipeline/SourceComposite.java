package org.styleatlas.engine.pipeline;

import java.nio.FloatBuffer;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.video.Frame;

/**
 * The composite over the request's own full-resolution pixels (not the clip's working-size frame):
 * with strength s and opacity α, each pixel's effective opacity is a = s·α, and
 *
 * <ul>
 *   <li>where a is below {@link FrameRenderer#INVISIBLE_ALPHA} (outside the object, or s = 0) the
 *       output is the source pixel, all four channels, bit for bit (HDR, negative and NaN values
 *       included);
 *   <li>elsewhere RGB = (1 − a)·source + a·c_f with c_f from the fully stylized atlas, and alpha =
 *       a_src + a·(1 − a_src) (1 for an opaque source).
 * </ul>
 *
 * So strength blends the stylized object with the source pixels, and 0 gives the source back
 * unchanged.
 */
final class SourceComposite {
  private SourceComposite() {}

  /**
   * @param maps the frame's maps at the source's size
   * @param source {@code [h, w, 4]} float32 straight RGBA from position 0, as the request carried
   *     it
   * @param stylized the stylized foreground atlas (full strength)
   * @param strength s in [0, 1]
   * @param out receives {@code [h, w, 4]} float32 straight RGBA from its position
   */
  static void render(
      FrameRenderer sampler,
      FrameLayerMaps maps,
      FloatBuffer source,
      AtlasTexture stylized,
      AtlasTexture background,
      float strength,
      FloatBuffer out) {
    int n = maps.pixels();
    float[] rgba = new float[n * 4];
    source.get(0, rgba);
    float[] rgb = new float[n * 3];
    for (int p = 0; p < n; p++) {
      rgb[p * 3] = rgba[p * 4];
      rgb[p * 3 + 1] = rgba[p * 4 + 1];
      rgb[p * 3 + 2] = rgba[p * 4 + 2];
    }
    float[] alpha = maps.alpha();
    if (strength < 1) {
      float[] scaled = new float[n];
      for (int p = 0; p < n; p++) {
        scaled[p] = strength * alpha[p];
      }
      alpha = scaled;
      maps =
          new FrameLayerMaps(
              maps.width(), maps.height(), maps.foregroundUv(), maps.backgroundUv(), scaled);
    }
    float[] composite =
        sampler
            .render(
                maps,
                new Frame(maps.width(), maps.height(), 3, rgb),
                stylized,
                background,
                OutputMode.COMPOSITE)
            .pixels();
    for (int p = 0; p < n; p++) {
      float a = alpha[p];
      if (a < FrameRenderer.INVISIBLE_ALPHA) {
        continue; // rgba[p] stays the source pixel
      }
      float srcAlpha = rgba[p * 4 + 3];
      rgba[p * 4] = composite[p * 3];
      rgba[p * 4 + 1] = composite[p * 3 + 1];
      rgba[p * 4 + 2] = composite[p * 3 + 2];
      rgba[p * 4 + 3] = srcAlpha + a * (1 - srcAlpha);
    }
    out.put(rgba);
  }
}
