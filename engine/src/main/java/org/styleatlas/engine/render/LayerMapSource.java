package org.styleatlas.engine.render;

/**
 * Per-frame {@link FrameLayerMaps} of a decomposed clip at any resolution. An implementation backed
 * by the decomposition gets them from the one store of maps at output sizes ({@code
 * maps.MapStore}).
 */
public interface LayerMapSource {

  /** Number of frames of the clip. */
  int frameCount();

  /** Width of the working resolution (the resolution the decomposition was trained at). */
  int width();

  /** Height of the working resolution. */
  int height();

  /**
   * The maps of frame {@code t} on a {@code width x height} pixel grid covering the whole frame;
   * pixel (x, y) samples the frame at ((x + 0.5)/width, (y + 0.5)/height) in normalised frame
   * coordinates.
   */
  FrameLayerMaps maps(int t, int width, int height);
}
