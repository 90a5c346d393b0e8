package org.styleatlas.engine.losses;

import ai.djl.ndarray.NDArray;

/** One unweighted loss term of the decomposition. */
public interface LossTerm {

  /** A stable, short name for reports, e.g. "rgb" or "rigidity-foreground". */
  String name();

  /** The term's scalar value for a batch. */
  NDArray compute(LossInputs in);
}
