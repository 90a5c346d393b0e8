package org.styleatlas.engine.losses;

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
