package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;

/**
 * Alpha bootstrapping (NLA): binary cross-entropy of α against the object matte, mean over pixels.
 * α is clamped to [{@value #EPS}, 1 − {@value #EPS}] first: a saturated sigmoid gives exactly 0 or
 * 1 in float32, and 0 · log(0) would make the loss NaN.
 */
public final class AlphaBootstrapLoss implements DecompositionLossTerm {
  static final float EPS = 1e-6f;

  @Override
  public String name() {
    return "alpha-bootstrap";
  }

  @Override
  public NDArray compute(LossInputs in) {
    return crossEntropy(in.at().alpha(), in.matte());
  }

  /**
   * @param alpha {@code [N, 1]} opacity in (0, 1)
   * @param matte {@code [N, 1]} target in [0, 1]
   * @return the mean binary cross-entropy, a scalar
   */
  public static NDArray crossEntropy(NDArray alpha, NDArray matte) {
    NDArray a = alpha.clip(EPS, 1f - EPS);
    NDArray m = matte;
    return m.mul(a.log()).add(m.neg().add(1f).mul(a.neg().add(1f).log())).neg().mean();
  }
}
