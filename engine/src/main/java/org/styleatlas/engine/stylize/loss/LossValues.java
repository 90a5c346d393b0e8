package org.styleatlas.engine.stylize.loss;

/**
 * The objective of one iteration, per term before weighting; a switched-off term reads 0.
 *
 * @param iteration 0-based iteration
 * @param global L_Global
 * @param local L_Local
 * @param temporal L_Temp (including g(t3 − t1))
 * @param sparsity L_sparsity
 * @param structure the structure term
 * @param total the weighted sum L of Eq. 6
 * @param learningRate the learning rate used in this iteration
 */
public record LossValues(
    int iteration,
    double global,
    double local,
    double temporal,
    double sparsity,
    double structure,
    double total,
    double learningRate) {

  /** The value of one term. */
  public double term(StylizeLossTerm t) {
    return switch (t) {
      case GLOBAL -> global;
      case LOCAL -> local;
      case TEMPORAL -> temporal;
      case SPARSITY -> sparsity;
      case STRUCTURE -> structure;
    };
  }
}
