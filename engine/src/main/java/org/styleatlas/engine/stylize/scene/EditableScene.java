package org.styleatlas.engine.stylize.scene;

import ai.djl.ndarray.NDManager;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.LayerMapSource;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;

/**
 * What stylization needs from a decomposed clip: the frozen per-pixel maps, the frozen background
 * colours, the discretized atlases, and a fresh trainable copy of the foreground atlas. The
 * decomposition is never modified.
 */
public interface EditableScene extends AutoCloseable {

  /** The frozen maps: UVs and opacity, at the working resolution and at any other. */
  LayerMapSource maps();

  /** Frames per second of the clip, written into video outputs. */
  default double fps() {
    return Clip.DEFAULT_FPS;
  }

  /** The source frame {@code t} at the working resolution. */
  Frame frame(int t);

  /**
   * The frozen background layer of frame {@code t}: c_b = A_b(uv_b) at every working-resolution
   * pixel.
   *
   * @return {@code [height, width, 3]} float32 RGB
   */
  float[] backgroundColours(int t);

  /** The decomposition's discretized atlases (the stylized foreground equals the original). */
  AtlasSet atlases();

  /**
   * A new trainable copy of the foreground atlas.
   *
   * @param manager owner of the copy's weights
   * @param mode the faithful MLP copy or fast mode's texture
   */
  EditingAtlas editingAtlas(NDManager manager, AtlasMode mode);

  /**
   * A new trainable copy of the background atlas, for whole-scene stylization (beyond the paper).
   *
   * @param manager owner of the copy's weights
   * @param mode the faithful network copy or fast mode's texture
   */
  EditingAtlas backgroundAtlas(NDManager manager, AtlasMode mode);

  /**
   * Whether {@link #editingAtlas} can make this kind of copy (a decomposition without an atlas
   * network cannot be faithful).
   */
  default boolean supports(AtlasMode mode) {
    return true;
  }

  /** A stable identity of the decomposition (clip and decomposition settings), for cache keys. */
  String identity();

  /**
   * Frees what the scene holds natively (a learned decomposition's networks); a no-op by default.
   */
  @Override
  default void close() {}

  default int frameCount() {
    return maps().frameCount();
  }

  default int width() {
    return maps().width();
  }

  default int height() {
    return maps().height();
  }
}
