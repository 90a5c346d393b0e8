package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.host.shm.LibC;

/**
 * #19.2: the runtime folder (in {@code /tmp} when XDG_RUNTIME_DIR is unset) cannot be taken over by
 * another local user: a planted symbolic link is never followed, a folder of another user is
 * refused, and an own folder ends 0700.
 */
class SocketFilesTest {
  /** A user id that is not ours, as which root can create a folder ("nobody"). */
  private static final int OTHER_UID = 65534;

  @TempDir Path dir;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void createsAPrivateFolderAndTightensAnOwnOne() throws IOException {
    Path fresh = dir.resolve("styleatlas-1");
    SocketFiles.privateFolder(fresh);
    assertEquals("rwx------", mode(fresh));
    Path loose = Files.createDirectory(dir.resolve("styleatlas-2"));
    Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxrwxrwx"));
    SocketFiles.privateFolder(loose);
    assertEquals("rwx------", mode(loose));
  }

  @Test
  void aPlantedSymbolicLinkIsNotFollowedAndItsTargetIsUntouched() throws IOException {
    Path victim = Files.createDirectory(dir.resolve("victims-own-folder"));
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path link = Files.createSymbolicLink(dir.resolve("styleatlas-1000"), victim);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SocketFiles.privateFolder(link));
    assertTrue(
        e.getMessage().contains(link.toString()) && e.getMessage().contains("symbolic link"),
        e.getMessage());
    assertEquals("rwxr-xr-x", mode(victim), "the link's target is not chmodded");
    assertTrue(Files.isSymbolicLink(link));
  }

  @Test
  void aFolderOfAnotherUserIsRefused() throws IOException {
    Path planted = Files.createDirectory(dir.resolve("styleatlas-1000"));
    try {
      Files.setAttribute(planted, "unix:uid", OTHER_UID, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | SecurityException e) {
      Assumptions.abort(
          "cannot give a folder to another user here (needs root): " + e.getMessage());
    }
    Assumptions.assumeTrue(LibC.uid() != OTHER_UID, "the test runs as the other user");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SocketFiles.privateFolder(planted));
    assertTrue(e.getMessage().contains("belongs to user id " + OTHER_UID), e.getMessage());
    assertEquals("rwxrwxrwx", mode(planted), "another user's folder is left as it is");
  }

  @Test
  void aFileInThePlaceOfTheFolderIsRefused() throws IOException {
    Path file = Files.createFile(dir.resolve("styleatlas-1000"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SocketFiles.privateFolder(file));
    assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
  }
}
