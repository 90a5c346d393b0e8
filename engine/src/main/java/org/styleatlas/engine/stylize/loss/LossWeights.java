package org.styleatlas.engine.stylize.loss;

import java.util.EnumSet;
import java.util.Set;

/**
 * The weights λ of Eq. 6 and the switches of each term. A switched-off term is not computed at all
 * and reads 0 in every report, so ablations compare like with like.
 *
 * @param global λ_Global, paper default 1
 * @param local λ_Local, paper default 1
 * @param temporal λ multiplying L_Temp (which already carries g(t3 − t1)); varies per video in the
 *     paper
 * @param sparsity λ_Sparsity; varies per video in the paper
 * @param structure λ of the optional structure term
 * @param disabled the terms switched off
 */
public record LossWeights(
    double global,
    double local,
    double temporal,
    double sparsity,
    double structure,
    Set<StylizeLossTerm> disabled) {

  public LossWeights {
    for (double w : new double[] {global, local, temporal, sparsity, structure}) {
      if (!(w >= 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException("loss weights must be finite and ≥ 0, got " + w);
      }
    }
    // An EnumSet keeps enum order, so toString (part of the stylized-atlas key) is the same in
    // every JVM.
    disabled =
        disabled.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(disabled));
  }

  /** The paper's objective: λ_Local = λ_Global = 1; structure off (it is not in the paper). */
  public static LossWeights paper(double temporal, double sparsity) {
    return new LossWeights(1, 1, temporal, sparsity, 1, Set.of(StylizeLossTerm.STRUCTURE));
  }

  /** Whether the term is computed. */
  public boolean enabled(StylizeLossTerm term) {
    return !disabled.contains(term) && weight(term) > 0;
  }

  /** λ of a term. */
  public double weight(StylizeLossTerm term) {
    return switch (term) {
      case GLOBAL -> global;
      case LOCAL -> local;
      case TEMPORAL -> temporal;
      case SPARSITY -> sparsity;
      case STRUCTURE -> structure;
    };
  }

  /** The same weights with {@code term} switched off. */
  public LossWeights without(StylizeLossTerm term) {
    EnumSet<StylizeLossTerm> d =
        disabled.isEmpty() ? EnumSet.noneOf(StylizeLossTerm.class) : EnumSet.copyOf(disabled);
    d.add(term);
    return new LossWeights(global, local, temporal, sparsity, structure, d);
  }

  /** The same weights with {@code term} switched on. */
  public LossWeights with(StylizeLossTerm term) {
    EnumSet<StylizeLossTerm> d =
        disabled.isEmpty() ? EnumSet.noneOf(StylizeLossTerm.class) : EnumSet.copyOf(disabled);
    d.remove(term);
    return new LossWeights(global, local, temporal, sparsity, structure, d);
  }
}
