package org.styleatlas.engine.stylize.atlas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import org.styleatlas.engine.render.AtlasTexture;

/**
 * The trainable editing atlas A of the paper (§3.3): a copy of the decomposition's foreground atlas
 * whose weights alone are fine-tuned, while the mappings, the opacity and the other atlas A_b stay
 * frozen.
 */
public interface EditingAtlas extends AutoCloseable {
  /** Atlas points evaluated per chunk when discretizing. */
  int DISCRETIZE_CHUNK = 1 << 16;

  /**
   * Foreground colours at atlas points, differentiable with respect to {@link #trainable()}.
   *
   * @param uv {@code [N, 2]} float32 atlas coordinates in [-1, 1]
   * @return {@code [N, 3]} float32 RGB, nominally in [0, 1]
   */
  NDArray colours(NDArray uv);

  /**
   * How many atlas points one autograd graph may span during training ({@link AtlasPass} splits
   * larger batches into chunks of this size). The default suits an atlas network: the hash-grid
   * atlas keeps about 15 KB of activations per point for backward.
   */
  default int pointsPerGraph() {
    return 16_384;
  }

  /** The arrays the optimizer updates, each with gradients attached, under stable ids. */
  PairList<String, NDArray> trainable();

  /** The manager that owns the atlas's weights. */
  NDManager manager();

  /**
   * The atlas sampled at the texel centres of {@code like} (same size and extent), without
   * gradients, in chunks.
   */
  default AtlasTexture discretize(AtlasTexture like) {
    int width = like.width();
    int height = like.height();
    float[] rgb = new float[width * height * 3];
    int n = width * height;
    for (int start = 0; start < n; start += DISCRETIZE_CHUNK) {
      int count = Math.min(DISCRETIZE_CHUNK, n - start);
      float[] uv = new float[count * 2];
      for (int k = 0; k < count; k++) {
        int p = start + k;
        uv[2 * k] = (float) like.texelU(p % width);
        uv[2 * k + 1] = (float) like.texelV(p / width);
      }
      try (NDManager scope = manager().newSubManager()) {
        NDArray out = colours(scope.create(uv, new Shape(count, 2)));
        System.arraycopy(out.toFloatArray(), 0, rgb, start * 3, count * 3);
      }
    }
    return like.withRgb(rgb);
  }

  /** Frees the weights: closes {@link #manager()}, which each editing atlas owns alone. */
  @Override
  default void close() {
    manager().close();
  }
}
