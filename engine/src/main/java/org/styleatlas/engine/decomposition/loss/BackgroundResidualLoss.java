package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;

/**
 * The background colour residual's two terms ({@link
 * org.styleatlas.engine.atlas.model.BackgroundResidualConfig}): its fit, mean over pixels of ‖ĉ_r −
 * c‖² where ĉ_r is the reconstruction with the residual and only r is differentiated (the atlases,
 * mappings and opacity are trained by NLA's terms on the atlas-only reconstruction, as without a
 * residual), and its size, mean ‖r‖², so r takes only part of each error it can explain.
 */
public final class BackgroundResidualLoss implements DecompositionLossTerm {
  private final boolean fit;

  /**
   * @param fit true: the fit term; false: the size penalty
   */
  public BackgroundResidualLoss(boolean fit) {
    this.fit = fit;
  }

  @Override
  public String name() {
    return fit ? "background-residual-fit" : "background-residual";
  }

  @Override
  public NDArray compute(LossInputs in) {
    LossInputs.ResidualFit r = in.residual();
    if (r == null) {
      throw new IllegalStateException("the model has no background residual to train");
    }
    NDArray v = fit ? r.reconstruction().sub(in.target()) : r.offset();
    return v.square().sum(new int[] {1}).mean();
  }
}
