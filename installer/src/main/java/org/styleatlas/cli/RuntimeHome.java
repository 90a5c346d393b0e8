package org.styleatlas.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installation this CLI runs from: the folder holding {@code bin/styleatlas}, {@code lib/} and
 * {@code OFX/}, passed by the launcher as {@code -Dstyleatlas.home}.
 */
final class RuntimeHome {
  static final String PROPERTY = "styleatlas.home";

  private RuntimeHome() {}

  /** The runtime folder; an error saying how to run the CLI when it is unknown. */
  static Path get() {
    String home = System.getProperty(PROPERTY);
    if (home == null || home.isBlank() || !Files.isDirectory(Path.of(home))) {
      throw new IllegalStateException(
          "the StyleAtlas runtime folder is unknown (-D"
              + PROPERTY
              + " unset): run this command through bin/styleatlas");
    }
    return Path.of(home).toAbsolutePath().normalize();
  }
}
