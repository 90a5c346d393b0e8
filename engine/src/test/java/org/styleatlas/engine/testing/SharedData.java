package org.styleatlas.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;


/**
 * The real test data in {@code ../shared/data} (DAVIS clips, CLIP's BPE vocabulary), read in place and
 * never copied. Maven passes its location as the {@code styleatlas.shared.data} system property.
 */
public final class SharedData {
  private SharedData() {}

  /**
   * The shared data folder: the {@code styleatlas.shared.data} property when it exists, else the first
   * {@code shared/data} found beside the working directory or one of its ancestors (so git worktrees
   * nested deeper than the checkout find it too). Fails the test when there is none, since CI always has it.
   */
  public static Path root() {
    String prop = System.getProperty("styleatlas.shared.data");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop).normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared test data not found (property styleatlas.shared.data=" + prop
        + ", and no shared/data beside " + Path.of("").toAbsolutePath() + " or its ancestors)");
  }

  /** Frames folder of a DAVIS clip, e.g. "blackswan". */
  public static Path frames(String clip) {
    return root().resolve(clip).resolve("frames");
  }

  /** Masks folder of a DAVIS clip. */
  public static Path masks(String clip) {
    return root().resolve(clip).resolve("masks");
  }
}
