package org.styleatlas.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;


/** Permissions of the host's runtime files: folder 0700, sockets 0600. */
public final class SocketFiles {
  private SocketFiles() {}

  /** Restricts a socket file to its owner (mode 0600). */
  public static void ownerOnly(Path socket) {
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set mode 0600 on " + socket + ": " + e.getMessage(), e);
    }
  }

  /** Creates the runtime folder with mode 0700, or tightens an existing one to 0700. */
  public static void privateFolder(Path dir) {
    try {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create private folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
