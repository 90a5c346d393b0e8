package org.styleatlas.cli;

import java.nio.file.Path;
import org.styleatlas.engine.studio.Studio;
import picocli.CommandLine.Option;

/**
 * {@code --cache}: the cache folder the CLI and the host share; a mixin of every command using it.
 */
final class CacheOption {
  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Cache folder (default: ~/.cache/styleatlas).")
  Path cacheDir;

  /** The folder given, else the default one. */
  Path dir() {
    return cacheDir != null ? cacheDir : Studio.defaultCacheDir();
  }

  /**
   * The studio on the cache folder, with this engine's settings (the host's, for what they share).
   */
  Studio studio() {
    return Studio.local(dir());
  }
}
