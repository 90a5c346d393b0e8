package org.styleatlas.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real test data in {@code ../shared/data} (DAVIS clips), read in place and never copied. A
 * clone without it (a user who cloned the repository alone) still passes the test command: every
 * test that asks for it is skipped (JUnit assumption), with a message naming the folder that is
 * missing.
 */
public final class SharedData {
  /** System property naming the shared data folder; when set, it is the only place looked at. */
  public static final String PROPERTY = "styleatlas.shared.data";

  private static final Logger LOG = LoggerFactory.getLogger(SharedData.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private SharedData() {}

  /**
   * The shared data folder: the {@value #PROPERTY} property when it is set (not blank), else the
   * first {@code shared/data} found beside the working directory or one of its ancestors (so a
   * checkout with {@code ../shared} and git worktrees nested deeper find it). Skips the calling
   * test when there is none.
   */
  public static Path root() {
    String prop = System.getProperty(PROPERTY);
    if (prop != null && !prop.isBlank()) {
      Path dir = Path.of(prop).toAbsolutePath().normalize();
      return existing(dir, " (property " + PROPERTY + ")");
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return skip(
        "shared test data folder shared/data not found beside "
            + cwd
            + " or any of its parents (put it at ../shared/data next to the checkout, or set -D"
            + PROPERTY
            + "=DIR)");
  }

  /** Frames folder of a DAVIS clip, e.g. "blackswan"; skips the calling test when it is missing. */
  public static Path frames(String clip) {
    return existing(root().resolve(clip).resolve("frames"), "");
  }

  /** Masks folder of a DAVIS clip; skips the calling test when it is missing. */
  public static Path masks(String clip) {
    return existing(root().resolve(clip).resolve("masks"), "");
  }

  private static Path existing(Path dir, String origin) {
    return Files.isDirectory(dir)
        ? dir
        : skip("shared test data folder " + dir + origin + " does not exist");
  }

  /**
   * Skips the calling test; the first skip of a run is also logged, so the build output names the
   * folder.
   */
  private static Path skip(String reason) {
    if (WARNED.compareAndSet(false, true)) {
      LOG.warn("{}: the tests that need the DAVIS clips are skipped", reason);
    }
    return Assumptions.abort(reason);
  }
}
