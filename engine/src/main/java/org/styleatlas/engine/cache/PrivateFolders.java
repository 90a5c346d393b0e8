package org.styleatlas.engine.cache;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders that hold a user's prompts, paths and frames (the cache, job state): created with mode
 * 0700, so other local users can neither list nor read anything below them, whatever the files' own
 * modes (#19.8).
 */
public final class PrivateFolders {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFolders() {}

  /**
   * Creates {@code dir} (and missing parents) with mode 0700. A folder that already exists is left
   * as it is (it may be shared on purpose); parents created on the way get the umask's mode, as
   * they hold nothing.
   */
  public static Path create(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException noPosix) {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(dir)) {
        throw raced;
      }
    }
    return dir;
  }
}
