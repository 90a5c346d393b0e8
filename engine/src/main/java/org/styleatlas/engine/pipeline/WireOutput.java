package org.styleatlas.engine.pipeline;

import java.nio.FloatBuffer;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.video.Frame;

/**
 * The wire's view of a rendered frame: its output names (docs/PROTOCOL.md, "Params") and its pixel
 * format.
 */
final class WireOutput {
  private WireOutput() {}

  /**
   * The render mode of a wire {@code output} value (already validated by {@code RenderSettings}).
   */
  static OutputMode mode(String output) {
    return switch (output) {
      case "foreground" -> OutputMode.FOREGROUND_LAYER;
      case "matte" -> OutputMode.MATTE;
      case "reconstruction" -> OutputMode.RECONSTRUCTION;
      case "original" -> OutputMode.ORIGINAL;
      default -> OutputMode.COMPOSITE;
    };
  }

  /**
   * Writes {@code frame} as the wire's RGBA: RGB frames get alpha 1; the premultiplied foreground
   * layer ({@link OutputMode#FOREGROUND_LAYER}) is divided back to straight alpha (colour 0 where α
   * is 0).
   *
   * @param frame {@code [h, w, 3]} RGB, or {@code [h, w, 4]} premultiplied RGBA
   * @param out receives {@code [h, w, 4]} float32 straight RGBA, top row first, from its position
   */
  static void write(Frame frame, FloatBuffer out) {
    int n = frame.width() * frame.height();
    if (out.remaining() < n * 4) {
      throw new IllegalArgumentException(
          "output holds "
              + out.remaining()
              + " floats, a "
              + frame.width()
              + "x"
              + frame.height()
              + " frame needs "
              + n * 4);
    }
    float[] src = frame.pixels();
    float[] rgba = new float[n * 4];
    int ch = frame.channels();
    for (int p = 0; p < n; p++) {
      float a = ch == 4 ? src[p * 4 + 3] : 1f;
      float scale = ch == 4 ? (a > 0 ? 1f / a : 0f) : 1f;
      for (int c = 0; c < 3; c++) {
        rgba[p * 4 + c] = Math.min(1f, src[p * ch + c] * scale);
      }
      rgba[p * 4 + 3] = a;
    }
    out.put(rgba);
  }
}
