package org.styleatlas.engine.stylize.loss;

import ai.djl.ndarray.NDArray;

/** Cosine similarity on NDArrays, sim(a, b) = a·b / (|a||b|), as in the paper's losses. */
final class Similarity {
  private static final float EPS = 1e-8f;

  private Similarity() {}

  /**
   * @param a {@code [d]}
   * @param b {@code [d]}
   * @return scalar cosine similarity in [-1, 1]
   */
  static NDArray cosine(NDArray a, NDArray b) {
    NDArray dot = a.mul(b).sum();
    return dot.div(a.norm().mul(b.norm()).add(EPS));
  }
}
