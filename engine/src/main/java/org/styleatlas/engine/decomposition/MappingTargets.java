package org.styleatlas.engine.decomposition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.atlas.model.FrameGeometry;
import org.styleatlas.engine.decomposition.config.Initialisation;
import org.styleatlas.engine.decomposition.loss.Layer;
import org.styleatlas.engine.flow.LayerMotion;

/**
 * What the mappings are pre-trained to: uv = uvScale·A_t(x, y) per layer, with A_t the layer's
 * affine motion from frame t to the middle frame ({@link LayerMotion}: flow fits on the matte's
 * core or outside it, chained and refined on the images; the identity for NLA's initialisation), in
 * normalised coordinates and clamped inside tanh's range.
 */
final class MappingTargets {
  private static final Logger LOG = LoggerFactory.getLogger(MappingTargets.class);

  /**
   * Pixels with matte ≥ this are object, ≤ 1 − this background; the soft edge between is left out.
   */
  private static final float CORE = 0.9f;

  private static final float UV_LIMIT = 0.99f;

  private final FrameGeometry geometry;
  private final LayerMotion foreground;
  private final LayerMotion background;
  private final float uvScale;

  private MappingTargets(
      FrameGeometry geometry, LayerMotion foreground, LayerMotion background, double uvScale) {
    this.geometry = geometry;
    this.foreground = foreground;
    this.background = background;
    this.uvScale = (float) uvScale;
  }

  /**
   * The targets of {@code init} for {@code data}; motion needs a matte, without one it is the
   * identity.
   */
  static MappingTargets of(Initialisation init, TrainingData data, double uvScale) {
    FrameGeometry g = data.geometry();
    if (init == Initialisation.IDENTITY || !data.hasMatte() || g.frames() < 2) {
      if (init == Initialisation.MOTION) {
        LOG.info("no matte: mappings start at the identity (NLA)");
      }
      return new MappingTargets(
          g, LayerMotion.identity(g.frames()), LayerMotion.identity(g.frames()), uvScale);
    }
    return new MappingTargets(
        g,
        motion(data, (t, p) -> data.matte(t, p) >= CORE),
        motion(data, (t, p) -> data.matte(t, p) <= 1 - CORE),
        uvScale);
  }

  /** The layer's motion to the middle frame: flow fits chained, then refined on the images. */
  private static LayerMotion motion(TrainingData data, LayerMotion.PixelSelection layer) {
    FrameGeometry g = data.geometry();
    return LayerMotion.estimate(data.flow(), layer, g.frames() / 2)
        .refined(data.luma(), g.width(), layer);
  }

  /**
   * Writes the target uv of pixel (x, y) of frame t for {@code layer} at {@code out[2i], out[2i +
   * 1]}.
   */
  void put(Layer layer, int x, int y, int t, float[] out, int i) {
    LayerMotion motion = layer == Layer.FOREGROUND ? foreground : background;
    double[] r = motion.toReference(t, x + 0.5, y + 0.5);
    out[i * 2] = clamp(uvScale * geometry.x(r[0]));
    out[i * 2 + 1] = clamp(uvScale * geometry.y(r[1]));
  }

  private static float clamp(float v) {
    return Math.max(-UV_LIMIT, Math.min(UV_LIMIT, v));
  }
}
