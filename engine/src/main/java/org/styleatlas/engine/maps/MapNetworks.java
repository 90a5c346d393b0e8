package org.styleatlas.engine.maps;

import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.render.FrameLayerMaps;

/**
 * What the {@link MapStore} needs of a decomposition: its identity, its maps at the working size,
 * and its frozen mapping and opacity networks evaluated at chosen pixels of any output grid.
 */
public interface MapNetworks {

  /** The decomposition's cache key: the identity the stored maps belong to. */
  CacheKey key();

  /** Number of frames. */
  int frameCount();

  /** Working width in pixels (the size the decomposition was trained at). */
  int width();

  /** Working height in pixels. */
  int height();

  /** Frame {@code t}'s maps at the working size. */
  FrameLayerMaps working(int t);

  /**
   * The networks at the centres of some pixels of frame {@code t} on a {@code width x height} grid:
   * all of them at {@code exact.all()}, the opacity network alone at {@code exact.alpha()}. May be
   * called from several threads at once.
   *
   * @return float32 {@code [exact.all().length, 5]} (u_f, v_f, u_b, v_b, α per pixel), then {@code
   *     [exact.alpha().length]} (α)
   */
  float[] evaluate(int t, int width, int height, MapResampler.Exact exact);
}
