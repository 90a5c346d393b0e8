package org.styleatlas.engine.render;

/**
 * The discretized atlases a render samples.
 *
 * @param foreground the original (reconstructed) foreground atlas
 * @param stylizedForeground the stylized editing atlas, same size as {@code foreground}
 * @param background the background atlas used by {@link OutputMode#RECONSTRUCTION}; the stylized
 *     one when the background was stylized too
 */
public record AtlasSet(
    AtlasTexture foreground, AtlasTexture stylizedForeground, AtlasTexture background) {

  public AtlasSet {
    if (foreground.width() != stylizedForeground.width()
        || foreground.height() != stylizedForeground.height()) {
      throw new IllegalArgumentException(
          "stylized foreground atlas is "
              + stylizedForeground.width()
              + "x"
              + stylizedForeground.height()
              + " but the original is "
              + foreground.width()
              + "x"
              + foreground.height());
    }
  }

  /** An unedited set: the stylized foreground is the original. */
  public static AtlasSet original(AtlasTexture foreground, AtlasTexture background) {
    return new AtlasSet(foreground, foreground, background);
  }

  /** The same set with another stylized foreground (e.g. an externally painted atlas). */
  public AtlasSet withStylizedForeground(AtlasTexture stylized) {
    return new AtlasSet(foreground, stylized, background);
  }

  /**
   * The morph from this set's look to {@code target}'s, in atlas space: the stylized foreground
   * (and the background, which is the stylized one when the background was stylized) become {@code
   * amount·target + (1 − amount)·this}, texel by texel. Sampling is bilinear and compositing is
   * linear in the colours, so a frame rendered from the morph is the same blend of the two looks'
   * frames, and every in-between frame samples one shared atlas (no flicker).
   *
   * @param target the other look, on the same decomposition (atlases of the same size and extent)
   * @param amount in [0, 1]; 0 is this look, 1 is {@code target}'s
   */
  public AtlasSet morphTo(AtlasSet target, float amount) {
    if (amount <= 0) {
      return this;
    }
    if (amount >= 1) {
      return target;
    }
    return new AtlasSet(
        foreground,
        target.stylizedForeground.blend(stylizedForeground, amount),
        target.background == background ? background : target.background.blend(background, amount));
  }

  /**
   * The foreground atlas to sample at the given strength: {@code s·stylized + (1 − s)·original}.
   *
   * @param strength in [0, 1]; 1 is the full stylization, 0 the original colours
   */
  public AtlasTexture foregroundAt(float strength) {
    if (strength >= 1) {
      return stylizedForeground;
    }
    return stylizedForeground.blend(foreground, Math.max(0, strength));
  }

  /**
   * What a composite that carries the source's detail samples ({@link FrameRenderer}, detail k):
   * {@code foregroundAt(s) − k·original}, so the composite (1 − α + α·k)·source + α·(c_s − k·c_o)
   * is the stylized colour plus k times the per-pixel detail the atlas does not hold (source −
   * c_o).
   *
   * @param strength as {@link #foregroundAt}
   * @param detail k in [0, 1]; 0 is {@link #foregroundAt}
   */
  public AtlasTexture foregroundWithDetail(float strength, float detail) {
    AtlasTexture styled = foregroundAt(strength);
    return detail <= 0 ? styled : styled.combine(1, foreground, -detail);
  }
}
