package org.styleatlas.engine.stylize.loss;

import ai.djl.ndarray.NDArray;
import org.styleatlas.engine.runtime.Scalars;

/**
 * Eq. 5, NLA's sparsity: {@code L_sparsity = ‖(1 − α)·c_f‖}, the mean over sampled points of the L2
 * norm of the foreground colour weighted by the transparency, so atlas points seen only through the
 * background carry no colour.
 */
public final class NormSparsityLoss {

  /**
   * @param foreground {@code [N, 3]} foreground colours c_f = A(uv)
   * @param transparency {@code [N, 1]} weights (1 − α), 0 for points outside a view
   * @return scalar loss ≥ 0
   */
  public NDArray compute(NDArray foreground, NDArray transparency) {
    return Scalars.add(foreground.mul(transparency).square().sum(new int[] {1}), 1e-12)
        .sqrt()
        .mean();
  }
}
