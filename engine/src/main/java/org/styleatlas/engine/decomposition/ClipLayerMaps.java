package org.styleatlas.engine.decomposition;

import java.io.IOException;
import java.util.List;

/**
 * Per-frame maps of a decomposition at one resolution; every list holds one array per frame,
 * row-major, top row first.
 *
 * @param width map width in pixels
 * @param height map height in pixels
 * @param uvForeground {@code [H, W, 2]} foreground atlas coordinates in (−1, 1)
 * @param uvBackground {@code [H, W, 2]} background atlas coordinates in (−1, 1)
 * @param alpha {@code [H, W, 1]} foreground opacity in (0, 1)
 * @param rgb {@code [H, W, 3]} the reconstruction, or empty when not evaluated
 * @param rgbAtlasOnly {@code [H, W, 3]} the reconstruction without the background's colour
 *     residual, or empty when not evaluated or the model has none
 */
public record ClipLayerMaps(
    int width,
    int height,
    List<float[]> uvForeground,
    List<float[]> uvBackground,
    List<float[]> alpha,
    List<float[]> rgb,
    List<float[]> rgbAtlasOnly) {

  public ClipLayerMaps {
    uvForeground = List.copyOf(uvForeground);
    uvBackground = List.copyOf(uvBackground);
    alpha = List.copyOf(alpha);
    rgb = List.copyOf(rgb);
    rgbAtlasOnly = List.copyOf(rgbAtlasOnly);
  }

  /** Maps without an atlas-only reconstruction. */
  public ClipLayerMaps(
      int width,
      int height,
      List<float[]> uvForeground,
      List<float[]> uvBackground,
      List<float[]> alpha,
      List<float[]> rgb) {
    this(width, height, uvForeground, uvBackground, alpha, rgb, List.of());
  }

  public int frames() {
    return alpha.size();
  }

  /**
   * Hands every frame to {@code sink}, in order.
   *
   * @param first the clip index of this object's frame 0
   */
  public void forEachFrame(int first, FrameMapSink sink) throws IOException {
    for (int i = 0; i < frames(); i++) {
      sink.accept(
          new FrameMaps(
              first + i,
              uvForeground.get(i),
              uvBackground.get(i),
              alpha.get(i),
              rgb.isEmpty() ? null : rgb.get(i),
              rgbAtlasOnly.isEmpty() ? null : rgbAtlasOnly.get(i)));
    }
  }
}
