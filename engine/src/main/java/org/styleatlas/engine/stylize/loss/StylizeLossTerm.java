package org.styleatlas.engine.stylize.loss;

import java.util.Locale;
import org.styleatlas.engine.InputException;

/** The terms of the stylization objective (paper Eq. 6, plus the optional structure term). */
public enum StylizeLossTerm {
  /** Eq. 3: global views against the global target. */
  GLOBAL,
  /** Eq. 2: local views against the local target. */
  LOCAL,
  /** Eq. 4: the temporal triplet over three sampled frames. */
  TEMPORAL,
  /** Eq. 5: NLA's sparsity of the foreground colour where α is small. */
  SPARSITY,
  /**
   * Text2LIVE's structure preservation (self-similarity of CLIP ViT tokens); needs a token-exposing
   * model.
   */
  STRUCTURE;

  /** The CLI spelling, lower case. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StylizeLossTerm parse(String s) {
    for (StylizeLossTerm t : values()) {
      if (t.cliName().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new InputException(
        "--no-loss: unknown loss term '"
            + s
            + "' (valid: global, local, temporal, sparsity, structure)");
  }
}
