package org.styleatlas.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.styleatlas.engine.InputException;

/**
 * The shared secret of the TCP listeners, kept in a file of mode 0600. Created with 32 random bytes
 * when missing; refused when anyone but the owner may read it.
 */
public final class TokenFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private final byte[] token;

  private TokenFile(byte[] token) {
    this.token = token;
  }

  public static TokenFile loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        throw InputException.of(
            file,
            "token file must be mode 0600 (it is "
                + PosixFilePermissions.toString(perms)
                + "); run chmod 600 on it");
      }
      String t = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (t.length() < 32) {
        throw InputException.of(file, "token must be at least 32 characters, got " + t.length());
      }
      return new TokenFile(t.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read token file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(
        file.getParent(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      return; // another process created it first; read theirs
    }
    Files.writeString(file, HexFormat.of().formatHex(b) + "\n", StandardCharsets.UTF_8);
  }

  /** Constant-time comparison with a presented token (null never matches). */
  public boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(token, presented.trim().getBytes(StandardCharsets.UTF_8));
  }
}
