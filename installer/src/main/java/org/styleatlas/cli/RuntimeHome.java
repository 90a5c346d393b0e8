package org.styleatlas.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The installation this CLI runs from: the folder holding {@code bin/styleatlas}, {@code lib/} and
 * {@code OFX/}, passed by the launcher as {@code -Dstyleatlas.home}.
 */
final class RuntimeHome {
  static final String PROPERTY = "styleatlas.home";

  private RuntimeHome() {}

  /** The runtime folder, when the launcher gave one. */
  static Optional<Path> find() {
    String home = System.getProperty(PROPERTY);
    return home == null || home.isBlank() || !Files.isDirectory(Path.of(home))
        ? Optional.empty()
        : Optional.of(Path.of(home).toAbsolutePath().normalize());
  }

  /** The runtime folder; an error saying how to run the CLI when it is unknown. */
  static Path get() {
    return find().orElseThrow(RuntimeHome::unknown);
  }

  private static IllegalStateException unknown() {
    return new IllegalStateException(
        "the StyleAtlas runtime folder is unknown (-D"
            + PROPERTY
            + " unset): run this command through bin/styleatlas");
  }
}
