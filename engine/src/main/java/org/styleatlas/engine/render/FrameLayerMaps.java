package org.styleatlas.engine.render;

/**
 * The frozen per-pixel outputs of a decomposition for one frame at one resolution: where each pixel
 * lands in the foreground and background atlases, and its foreground opacity.
 *
 * @param width pixels per row
 * @param height rows
 * @param foregroundUv {@code [height, width, 2]} float32 (u, v) in the foreground atlas, in [-1, 1]
 * @param backgroundUv {@code [height, width, 2]} float32 (u, v) in the background atlas, in [-1, 1]
 * @param alpha {@code [height, width]} float32 foreground opacity α in [0, 1]
 */
public record FrameLayerMaps(
    int width, int height, float[] foregroundUv, float[] backgroundUv, float[] alpha) {

  public FrameLayerMaps {
    int n = width * height;
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "layer maps size must be positive, got " + width + "x" + height);
    }
    if (foregroundUv.length != 2 * n || backgroundUv.length != 2 * n || alpha.length != n) {
      throw new IllegalArgumentException(
          "layer maps of "
              + width
              + "x"
              + height
              + " need "
              + 2 * n
              + "/"
              + 2 * n
              + "/"
              + n
              + " floats, got "
              + foregroundUv.length
              + "/"
              + backgroundUv.length
              + "/"
              + alpha.length);
    }
  }

  /** Number of pixels. */
  public int pixels() {
    return width * height;
  }
}
