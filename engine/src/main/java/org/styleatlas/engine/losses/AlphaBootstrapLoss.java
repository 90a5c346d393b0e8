package org.styleatlas.engine.losses;

import ai.djl.ndarray.NDArray;

/** Alpha bootstrapping (NLA): binary cross-entropy of α against the object matte, mean over pixels. */
public final class AlphaBootstrapLoss implements LossTerm {
  @Override
  public String name() {
    return "alpha-bootstrap";
  }

  @Override
  public NDArray compute(LossInputs in) {
    NDArray a = in.at().alpha();
    NDArray m = in.matte();
    return m.mul(a.log()).add(m.neg().add(1f).mul(a.neg().add(1f).log())).neg().mean();
  }
}
