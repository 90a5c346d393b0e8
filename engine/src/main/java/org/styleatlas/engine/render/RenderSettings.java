package org.styleatlas.engine.render;

import org.styleatlas.engine.InputException;

/**
 * How frames are rendered.
 *
 * @param mode what is written per frame
 * @param strength blend of the stylized and the original foreground colour, in [0, 1] (1: fully
 *     stylized)
 * @param width output width in pixels; any size, the maps are evaluated on its pixel grid
 * @param height output height in pixels
 * @param threads worker threads for the per-pixel sampling, ≥ 1
 * @param detail how much of the source's own detail a composite keeps over the object, in [0, 1]: 0
 *     paints the (stylized) atlas colour, 1 adds the stylization's change to the source pixels
 *     (source + α·(c_s − c_o)), keeping what the atlas cannot hold (ripples, fine texture,
 *     lighting)
 */
public record RenderSettings(
    OutputMode mode, float strength, int width, int height, int threads, float detail) {

  /** Without the source's detail (k = 0). */
  public RenderSettings(OutputMode mode, float strength, int width, int height, int threads) {
    this(mode, strength, width, height, threads, 0f);
  }

  public RenderSettings {
    if (!(strength >= 0 && strength <= 1)) {
      throw new InputException("--strength: must be in [0, 1], got " + strength);
    }
    if (!(detail >= 0 && detail <= 1)) {
      throw new InputException("--detail: must be in [0, 1], got " + detail);
    }
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
      throw new InputException(
          "--size: output size must be in 1..16384 per side, got " + width + "x" + height);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("render threads must be at least 1, got " + threads);
    }
  }

  /** Composite at full strength, with one thread per available core. */
  public static RenderSettings composite(int width, int height) {
    return new RenderSettings(
        OutputMode.COMPOSITE, 1f, width, height, Runtime.getRuntime().availableProcessors());
  }

  public RenderSettings withMode(OutputMode m) {
    return new RenderSettings(m, strength, width, height, threads, detail);
  }

  public RenderSettings withStrength(float s) {
    return new RenderSettings(mode, s, width, height, threads, detail);
  }

  public RenderSettings withDetail(float k) {
    return new RenderSettings(mode, strength, width, height, threads, k);
  }
}
