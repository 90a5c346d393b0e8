package org.styleatlas.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.styleatlas.host.shm.LibC;

/** The host's runtime files: a folder of its own user, never a link, mode 0700; sockets 0600. */
public final class SocketFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private SocketFiles() {}

  /** Restricts a socket file to its owner (mode 0600). */
  public static void ownerOnly(Path socket) {
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot set mode 0600 on " + socket + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates the runtime folder with mode 0700, or checks an existing one, never following a
   * symbolic link: the folder (at least its last component, which may sit in a shared place such as
   * {@code /tmp}) must be a real directory owned by this process's user; group and other bits of an
   * own folder are cleared.
   *
   * @throws UnsafeFolderException when the path is a symbolic link, not a directory, or owned by
   *     another user (someone else may have planted it: the host refuses to put its sockets there)
   */
  public static void privateFolder(Path dir) {
    Path parent = dir.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
      } catch (FileAlreadyExistsException raced) {
        // Made earlier (by us, or by someone else: verified below either way).
      }
      verifyOwnFolder(dir);
      if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
          .equals(OWNER_ONLY_FOLDER)) {
        Files.setPosixFilePermissions(dir, OWNER_ONLY_FOLDER);
        verifyOwnFolder(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create private folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses {@code dir} unless it is a real directory (not a link) owned by this process's user.
   */
  private static void verifyOwnFolder(Path dir) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isSymbolicLink()) {
      throw new UnsafeFolderException(
          dir
              + " is a symbolic link (to "
              + Files.readSymbolicLink(dir)
              + "); the host does not follow it, since another user may have planted it. Remove it, or set "
              + "XDG_RUNTIME_DIR to a private folder");
    }
    if (!a.isDirectory()) {
      throw new UnsafeFolderException(
          dir + " exists and is not a folder; remove it, or set XDG_RUNTIME_DIR");
    }
    int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int me = LibC.uid();
    if (owner != me) {
      throw new UnsafeFolderException(
          dir
              + " belongs to user id "
              + owner
              + ", not to this user ("
              + me
              + "); the host will not put its sockets in another user's folder. Remove it, or set "
              + "XDG_RUNTIME_DIR to a private folder");
    }
  }

  /** The runtime folder is not safe to use (a link, not a folder, or another user's). */
  public static final class UnsafeFolderException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnsafeFolderException(String message) {
      super(message);
    }
  }
}
