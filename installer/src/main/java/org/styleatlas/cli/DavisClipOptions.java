package org.styleatlas.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that pick a DAVIS clip and its working size, shared by the benchmarks that run on
 * one.
 */
final class DavisClipOptions {
  @Option(
      names = "--data",
      defaultValue = "../shared/data",
      description = "Folder holding <clip>/frames and <clip>/masks.")
  Path data;

  @Option(
      names = "--clip",
      defaultValue = "blackswan",
      description = "The clip (default: ${DEFAULT-VALUE}).")
  String clip;

  @Option(
      names = "--size",
      defaultValue = "384",
      description = "Working long edge in pixels (default: ${DEFAULT-VALUE}).")
  int size;

  /** The clip's folder, holding {@code frames/} and {@code masks/}. */
  Path dir() {
    return data.resolve(clip);
  }
}
