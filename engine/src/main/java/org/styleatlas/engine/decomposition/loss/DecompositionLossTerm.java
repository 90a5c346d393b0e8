package org.styleatlas.engine.decomposition.loss;

import ai.djl.ndarray.NDArray;

/** One unweighted loss term of the decomposition. */
public interface DecompositionLossTerm {

  /** A stable, short name for reports, e.g. "rgb" or "rigidity-foreground". */
  String name();

  /** The term's scalar value for a batch. */
  NDArray compute(LossInputs in);
}
