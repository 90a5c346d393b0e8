package org.styleatlas.engine.decomposition.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The loss of one step, still on the graph.
 *
 * @param total scalar to back-propagate
 * @param terms scalar weighted terms whose sum is {@code total}, with their names
 */
public record StepLoss(NDArray total, List<Term> terms) {

  /** A named scalar term. */
  public record Term(String name, NDArray weighted) {}

  public StepLoss {
    terms = List.copyOf(terms);
  }
}
