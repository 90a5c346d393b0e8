package org.styleatlas.engine.decomposition.loss;

/** The two layers of the decomposition. */
public enum Layer {
  FOREGROUND("foreground"),
  BACKGROUND("background");

  private final String label;

  Layer(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
