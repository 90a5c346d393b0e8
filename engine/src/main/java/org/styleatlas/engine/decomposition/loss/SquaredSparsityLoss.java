package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;

/**
 * Sparsity (NLA): the foreground atlas colour seen where the pixel is background, ‖(1 − α)·c_f‖²,
 * mean over pixels; it keeps the background out of the foreground atlas.
 */
public final class SquaredSparsityLoss implements DecompositionLossTerm {
  @Override
  public String name() {
    return "sparsity";
  }

  @Override
  public NDArray compute(LossInputs in) {
    return in.at()
        .rgbForeground()
        .mul(in.at().alpha().neg().add(1f))
        .square()
        .sum(new int[] {1})
        .mean();
  }
}
