package org.styleatlas.engine.decomposition.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.styleatlas.engine.InputException;

/** The decomposition's architecture family. */
public enum Mode {
  /** Hash-grid encodings and small MLPs: converges in minutes on a CPU. The default. */
  FAST,
  /** NLA's published architecture and hyper-parameters. */
  FAITHFUL;

  /** The mode named {@code name} (case-insensitive). */
  public static Mode parse(String name) {
    for (Mode m : values()) {
      if (m.name().equalsIgnoreCase(name.trim())) {
        return m;
      }
    }
    throw new InputException(
        "mode: unknown mode '"
            + name
            + "', expected one of "
            + Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", ")));
  }

  /** Lower-case name, as typed on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
