package org.styleatlas.engine.losses;

import ai.djl.ndarray.NDArray;

/**
 * Mapping pre-training (NLA): both mappings start as the scaled identity, ‖M(x, y, t) − uvScale·(x, y)‖,
 * mean over points. Not part of {@link DecompositionLoss}: it runs alone, before the main phase.
 */
public final class MappingPretrainLoss {
  private final float uvScale;

  public MappingPretrainLoss(double uvScale) {
    this.uvScale = (float) uvScale;
  }

  /**
   * @param xyt {@code [N, 3]} normalised points
   * @param uv {@code [N, 2]} a mapping's output at them
   */
  public NDArray compute(NDArray xyt, NDArray uv) {
    NDArray target = xyt.get(":, 0:2").mul(uvScale);
    return uv.sub(target).square().sum(new int[] {1}).add(1e-12f).sqrt().mean();
  }
}
