package org.styleatlas.engine.pipeline;

import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
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
  /**
   * Frame buffers ({@code [h, w, 4]} floats) kept for the next composites, at most this many: a new
   * 1080p buffer is 33 MB to allocate and zero, and garbage to collect, on every request.
   */
  private static final int KEPT_BUFFERS = 2;

  private static final ConcurrentLinkedDeque<float[]> BUFFERS = new ConcurrentLinkedDeque<>();

  private SourceComposite() {}

  /** A kept buffer of exactly {@code floats} floats (its content is stale), or a new one. */
  private static float[] take(int floats) {
    for (Iterator<float[]> it = BUFFERS.iterator(); it.hasNext(); ) {
      float[] b = it.next();
      if (b.length == floats && BUFFERS.removeFirstOccurrence(b)) {
        return b;
      }
    }
    return new float[floats];
  }

  /** Keeps a buffer for a later composite, dropping the oldest beyond {@link #KEPT_BUFFERS}. */
  private static void giveBack(float[] b) {
    BUFFERS.addFirst(b);
    while (BUFFERS.size() > KEPT_BUFFERS) {
      BUFFERS.pollLast();
    }
  }

  /**
   * Composites in the request's own RGBA layout: one copy of the source, the foreground blended in
   * place where it shows ({@link FrameRenderer#compositeRgba}), one copy out.
   *
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
      float strength,
      FloatBuffer out) {
    float[] rgba = take(maps.pixels() * 4);
    source.get(0, rgba); // every element: nothing of the buffer's last frame stays
    sampler.compositeRgba(maps, rgba, stylized, strength);
    out.put(rgba);
    giveBack(rgba);
  }
}
