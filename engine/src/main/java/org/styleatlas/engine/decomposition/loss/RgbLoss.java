package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;

/** Reconstruction: mean over pixels of ‖ĉ − c‖² (NLA). */
public final class RgbLoss implements DecompositionLossTerm {
  @Override
  public String name() {
    return "rgb";
  }

  @Override
  public NDArray compute(LossInputs in) {
    return in.at().rgb().sub(in.target()).square().sum(new int[] {1}).mean();
  }
}
