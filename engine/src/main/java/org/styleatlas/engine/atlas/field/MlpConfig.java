package org.styleatlas.engine.atlas.field;

/**
 * The shape of a ReLU MLP.
 *
 * @param layers number of hidden layers (each a Linear + ReLU), ≥ 1; NLA's "8×256" is 8
 * @param width units per hidden layer
 */
public record MlpConfig(int layers, int width) {
  public MlpConfig {
    if (layers < 1 || width < 1) {
      throw new IllegalArgumentException(
          "MLP needs ≥ 1 hidden layer of ≥ 1 unit, got " + layers + "×" + width);
    }
  }
}
