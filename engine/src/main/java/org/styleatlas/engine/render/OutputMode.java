package org.styleatlas.engine.render;

import java.util.Locale;
import org.styleatlas.engine.InputException;

/** What a render writes for each frame. */
public enum OutputMode {
  /** The default: {@code (1 − α)·original + α·stylized foreground}, RGB. */
  COMPOSITE,
  /**
   * The full atlas reconstruction: {@code (1 − α)·background atlas + α·stylized foreground}, RGB.
   */
  RECONSTRUCTION,
  /** The stylized foreground as a premultiplied RGBA layer {@code (α·c_f, α)}. */
  FOREGROUND_LAYER,
  /** The matte α alone, as grey RGB. */
  MATTE,
  /** The original frame, unchanged (resampled to the output size). */
  ORIGINAL;

  /** The CLI spelling: lower case with dashes, e.g. {@code foreground-layer}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses the CLI spelling; unknown names are an {@link InputException} listing the valid ones.
   */
  public static OutputMode parse(String name) {
    for (OutputMode m : values()) {
      if (m.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    StringBuilder valid = new StringBuilder();
    for (OutputMode m : values()) {
      valid.append(valid.length() == 0 ? "" : ", ").append(m.cliName());
    }
    throw new InputException("--output-mode: unknown mode '" + name + "' (valid: " + valid + ")");
  }

  /** Channels of the frames this mode writes. */
  public int channels() {
    return this == FOREGROUND_LAYER ? 4 : 3;
  }
}
