package org.styleatlas.engine.atlas.field;

import ai.djl.ndarray.NDArray;
import org.styleatlas.engine.runtime.Scalars;

/** The squashing applied to a field's raw MLP output, as in NLA. */
public enum OutputActivation {
  /** tanh: UV coordinates in (−1, 1). */
  TANH {
    @Override
    public NDArray apply(NDArray raw) {
      return raw.tanh();
    }
  },
  /** (tanh + 1) / 2: colours in (0, 1). */
  UNIT {
    @Override
    public NDArray apply(NDArray raw) {
      return Scalars.mul(raw.tanh().add(1f), 0.5);
    }
  },
  /** NLA's opacity: ((tanh + 1) / 2) · 0.99 + 0.001, in (0.001, 0.991), so log(α) stays finite. */
  OPACITY {
    @Override
    public NDArray apply(NDArray raw) {
      return Scalars.mul(raw.tanh().add(1f), 0.5 * 0.99).add(0.001f);
    }
  };

  public abstract NDArray apply(NDArray raw);
}
