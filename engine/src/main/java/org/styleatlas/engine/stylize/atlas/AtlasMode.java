package org.styleatlas.engine.stylize.atlas;

import java.util.Locale;
import org.styleatlas.engine.InputException;

/** Which copy of the foreground atlas is fine-tuned. */
public enum AtlasMode {
  /** The paper's: the atlas network's weights (MLP) — see {@link BlockEditingAtlas}. */
  FAITHFUL,
  /** The discretized atlas's texels — see {@link TextureEditingAtlas}. */
  FAST;

  public static AtlasMode parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException("--atlas-mode: unknown mode '" + s + "' (valid: faithful, fast)");
    }
  }
}
