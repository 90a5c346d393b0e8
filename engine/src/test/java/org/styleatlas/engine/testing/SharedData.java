package org.styleatlas.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real test data in {@code ../shared/data} (DAVIS clips, CLIP's BPE vocabulary), read in place and
 * never copied. Maven passes its location as the {@code styleatlas.shared.data} system property.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared data folder; fails the test when it is missing, since CI always has it. */
  public static Path root() {
    String prop = System.getProperty("styleatlas.shared.data");
    Path root = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "data");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("shared test data not found at " + root.toAbsolutePath()
          + " (expected ../shared/data beside the checkout)");
    }
    return root.normalize();
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
