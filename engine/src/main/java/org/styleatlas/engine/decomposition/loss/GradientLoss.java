package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;

/**
 * Image gradients: the reconstruction's one-pixel differences along x and y match the video's, L1
 * over channels, mean over pixels (NLA).
 */
public final class GradientLoss implements DecompositionLossTerm {
  @Override
  public String name() {
    return "gradient";
  }

  @Override
  public NDArray compute(LossInputs in) {
    NDArray rgb = in.at().rgb();
    NDArray dx = in.rgbDx().sub(rgb).sub(in.targetDx().sub(in.target())).abs();
    NDArray dy = in.rgbDy().sub(rgb).sub(in.targetDy().sub(in.target())).abs();
    return dx.add(dy).sum(new int[] {1}).mean();
  }
}
