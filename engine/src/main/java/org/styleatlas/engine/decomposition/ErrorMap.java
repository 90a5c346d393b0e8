package org.styleatlas.engine.decomposition;

import java.util.SplittableRandom;
import org.styleatlas.engine.atlas.model.FrameGeometry;
import org.styleatlas.engine.decomposition.config.PixelSampling;

/**
 * The current reconstruction error of a clip, tracked per square tile of each frame, for importance
 * sampling: {@link #draw} picks a tile with probability proportional to its error (plus a bonus
 * where the matte's outline crosses it), then a pixel uniformly inside it. Tiles start at the
 * largest possible error (1), so every tile is visited before its estimate counts; each {@link
 * #observe} moves a tile's estimate towards the squared error just seen there. Pure Java; the
 * arrays hold one float per tile ({@code frames · ⌈W/tile⌉ · ⌈H/tile⌉}, 64,800 tiles for 50 frames
 * at 384x216 with 8-pixel tiles).
 *
 * <p>The estimates are training state that checkpoints do not hold: a resumed run starts them
 * afresh, so with error sampling on it draws different batches than an uninterrupted one.
 */
final class ErrorMap {
  private static final float UNSEEN = 1f;

  private final FrameGeometry geometry;
  private final PixelSampling sampling;
  private final int tilesX;
  private final int tilesY;
  private final float[] error;
  private final boolean[] edge;
  private final double[] cumulative;
  private boolean stale = true;

  /**
   * @param matte {@code [T, H, W]} the matte, or null (no outline bonus)
   */
  ErrorMap(FrameGeometry geometry, PixelSampling sampling, float[] matte) {
    this.geometry = geometry;
    this.sampling = sampling;
    int tile = sampling.tilePixels();
    this.tilesX = (geometry.width() + tile - 1) / tile;
    this.tilesY = (geometry.height() + tile - 1) / tile;
    int tiles = geometry.frames() * tilesX * tilesY;
    this.error = new float[tiles];
    java.util.Arrays.fill(error, UNSEEN);
    this.edge = new boolean[tiles];
    this.cumulative = new double[tiles];
    if (matte != null) {
      markOutline(matte);
    }
  }

  private void markOutline(float[] matte) {
    int w = geometry.width();
    int h = geometry.height();
    int plane = w * h;
    boolean[] inside = new boolean[edge.length];
    boolean[] outside = new boolean[edge.length];
    for (int t = 0; t < geometry.frames(); t++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int tile = tileOf(t, x, y);
          if (matte[t * plane + y * w + x] >= FrameQuality.OBJECT) {
            inside[tile] = true;
          } else {
            outside[tile] = true;
          }
        }
      }
    }
    for (int i = 0; i < edge.length; i++) {
      edge[i] = inside[i] && outside[i];
    }
  }

  private int tileOf(int t, int x, int y) {
    int tile = sampling.tilePixels();
    return (t * tilesY + y / tile) * tilesX + x / tile;
  }

  /** Tile count (for tests and logs). */
  int tiles() {
    return error.length;
  }

  /**
   * Records the squared errors seen at sampled pixels; non-finite ones (a diverged step, which the
   * trainer skips) are ignored.
   *
   * @param pixels clip pixel indices t·H·W + y·W + x
   * @param squaredError per pixel, the squared colour error summed over the 3 channels
   */
  void observe(int[] pixels, float[] squaredError) {
    if (pixels.length != squaredError.length) {
      throw new IllegalArgumentException(
          pixels.length + " pixels but " + squaredError.length + " errors");
    }
    int w = geometry.width();
    int plane = w * geometry.height();
    float decay = (float) sampling.errorDecay();
    for (int i = 0; i < pixels.length; i++) {
      int p = pixels[i];
      int rest = p % plane;
      int tile = tileOf(p / plane, rest % w, rest / w);
      float e = squaredError[i] / 3f;
      if (Float.isFinite(e)) {
        error[tile] += decay * (e - error[tile]);
      }
    }
    stale = true;
  }

  /** A clip pixel index t·H·W + y·W + x, drawn by tile error. */
  int draw(SplittableRandom rnd) {
    if (stale) {
      rebuild();
    }
    double u = rnd.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int tile = sampling.tilePixels();
    int tx = lo % tilesX;
    int ty = (lo / tilesX) % tilesY;
    int t = lo / (tilesX * tilesY);
    int x0 = tx * tile;
    int y0 = ty * tile;
    int x = x0 + rnd.nextInt(Math.min(tile, geometry.width() - x0));
    int y = y0 + rnd.nextInt(Math.min(tile, geometry.height() - y0));
    return (t * geometry.height() + y) * geometry.width() + x;
  }

  private void rebuild() {
    double mean = 0;
    for (float e : error) {
      mean += e;
    }
    mean /= error.length;
    double bonus = sampling.edgeWeight() * mean;
    double sum = 0;
    for (int i = 0; i < error.length; i++) {
      // a tile's weight also scales with its pixel count: partial tiles at the right and bottom are
      // smaller
      sum += (error[i] + (edge[i] ? bonus : 0)) * pixelsIn(i) + Double.MIN_NORMAL;
      cumulative[i] = sum;
    }
    stale = false;
  }

  private int pixelsIn(int i) {
    int tile = sampling.tilePixels();
    int x0 = (i % tilesX) * tile;
    int y0 = ((i / tilesX) % tilesY) * tile;
    return Math.min(tile, geometry.width() - x0) * Math.min(tile, geometry.height() - y0);
  }
}
