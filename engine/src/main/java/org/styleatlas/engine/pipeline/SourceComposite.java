package org.styleatlas.engine.pipeline;

import java.nio.FloatBuffer;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;

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
   * Composites in the request's own RGBA layout, straight from the source plane into the output
   * plane ({@link FrameRenderer#compositeRgba(FrameLayerMaps, FloatBuffer, FloatBuffer,
   * AtlasTexture, float)}): each band of rows copied across once and the foreground blended in
   * where it shows, on the render threads; no frame-sized Java array.
   *
   * @param maps the frame's maps at the source's size
   * @param source {@code [h, w, 4]} float32 straight RGBA from position 0, as the request carried
   *     it (a mapped shared-memory plane or an inline payload)
   * @param stylized the stylized foreground atlas (full strength)
   * @param strength s in [0, 1]
   * @param out receives {@code [h, w, 4]} float32 straight RGBA from its position, which advances
   *     past the frame
   */
  static void render(
      FrameRenderer sampler,
      FrameLayerMaps maps,
      FloatBuffer source,
      AtlasTexture stylized,
      float strength,
      FloatBuffer out) {
    FloatBuffer from = source.duplicate().clear();
    sampler.compositeRgba(maps, from, out, stylized, strength);
    out.position(out.position() + 4 * maps.pixels());
  }
}
