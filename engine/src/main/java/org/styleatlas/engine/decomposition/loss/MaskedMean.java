package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;
import org.styleatlas.engine.runtime.Scalars;

/** Mean of values over the masked points: Σ(v·m) / max(Σm, 1). */
final class MaskedMean {
  private MaskedMean() {}

  /** {@code values [N, 1]}, {@code mask [N, 1]} of 0/1. */
  static NDArray of(NDArray values, NDArray mask) {
    return values.mul(mask).sum().div(Scalars.maximum(mask.sum(), 1));
  }
}
