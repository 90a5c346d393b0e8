package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;

/**
 * Mapping pre-training (NLA): ‖M(x, y, t) − target‖, mean over points. NLA's target is the scaled
 * identity uvScale·(x, y); the motion initialisation moves it with the layer. Not part of {@link
 * DecompositionLoss}: it runs alone, before the main phase.
 */
public final class MappingPretrainLoss {
  private MappingPretrainLoss() {}

  /**
   * @param uv {@code [N, 2]} a mapping's output
   * @param target {@code [N, 2]} where it should map, in uv units
   * @return the mean Euclidean distance, a scalar
   */
  public static NDArray compute(NDArray uv, NDArray target) {
    return distance(uv, target).mean();
  }

  /**
   * The weighted form: {@code Σ w·‖M − target‖ / Σ w}.
   *
   * @param weight {@code [N]} non-negative weights, not all zero
   */
  public static NDArray compute(NDArray uv, NDArray target, NDArray weight) {
    return distance(uv, target).mul(weight).sum().div(weight.sum());
  }

  private static NDArray distance(NDArray uv, NDArray target) {
    return uv.sub(target).square().sum(new int[] {1}).add(1e-12f).sqrt();
  }
}
