package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #19.8: the cache and the job state are created 0700, so other users cannot read prompts, paths or
 * frames.
 */
class PrivateFoldersTest {
  @TempDir Path dir;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aNewCacheFolderIsOwnerOnly() throws IOException {
    Path root = dir.resolve("xdg-cache").resolve("styleatlas");
    new ContentCache(root, 1 << 20);
    assertEquals("rwx------", mode(root));
  }

  @Test
  void anExistingFolderIsLeftAsItIs() throws IOException {
    Path shared = Files.createDirectory(dir.resolve("team-cache"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
    new ContentCache(shared, 1 << 20);
    assertEquals("rwxrwx---", mode(shared));
  }
}
