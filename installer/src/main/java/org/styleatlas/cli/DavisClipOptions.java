package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.styleatlas.engine.studio.bench.BenchClip;
import picocli.CommandLine.Model.CommandSpec;
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

  /**
   * Opens the clip decomposed through the cache with {@code decomposeIterations} fast-mode steps,
   * showing the decomposition's progress on the command's error stream while it runs.
   *
   * @param cacheDir the cache folder
   */
  BenchClip open(int decomposeIterations, Path cacheDir, CommandSpec spec) throws IOException {
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
      return BenchClip.open(dir(), size, decomposeIterations, cacheDir, progress);
    }
  }
}
