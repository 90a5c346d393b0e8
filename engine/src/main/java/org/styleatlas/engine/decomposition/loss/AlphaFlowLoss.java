package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;

/**
 * Optical-flow consistency of the opacity: |α(p) − α(p + flow)|, over consistent flow vectors
 * (NLA).
 */
public final class AlphaFlowLoss implements DecompositionLossTerm {
  @Override
  public String name() {
    return "alpha-flow";
  }

  @Override
  public NDArray compute(LossInputs in) {
    return MaskedMean.of(in.at().alpha().sub(in.flowTarget().alpha()).abs(), in.flowMask());
  }
}
