package org.styleatlas.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * (64 hex digits) when missing; refused, with a message naming the file, when anyone but the owner
 * may read it, when it is not a regular file, or when it holds no valid token (#19.7).
 */
public final class TokenFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** The shortest token accepted, in characters. */
  static final int MIN_LENGTH = 32;

  private final byte[] token;

  private TokenFile(byte[] token) {
    this.token = token;
  }

  /**
   * Reads the token file, creating it first when it is missing.
   *
   * @throws InputException naming the file when it is not a regular file, is readable by others, or
   *     does not hold one token of at least {@value #MIN_LENGTH} visible ASCII characters
   * @throws UncheckedIOException when the file cannot be read or created
   */
  public static TokenFile loadOrCreate(Path file) {
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        create(file);
      }
      if (!Files.isRegularFile(file)) {
        throw InputException.of(
            file, "token file is not a regular file; remove it and a new token is made");
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        throw InputException.of(
            file,
            "token file must be mode 0600 (it is "
                + PosixFilePermissions.toString(perms)
                + "); run chmod 600 on it");
      }
      return new TokenFile(parse(file, Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read token file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The token in a file's bytes: one line of visible ASCII (it travels in a JSON string and an HTTP
   * header), surrounding white space ignored.
   */
  static byte[] parse(Path file, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1).strip();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c > '~') {
        throw InputException.of(
            file,
            String.format(
                "token file holds a byte 0x%02x at %d; a token is one line of at least %d"
                    + " visible ASCII characters (remove the file and a new token is made)",
                (int) c, i, MIN_LENGTH));
      }
    }
    if (text.length() < MIN_LENGTH) {
      throw InputException.of(
          file, "token must be at least " + MIN_LENGTH + " characters, got " + text.length());
    }
    return text.getBytes(StandardCharsets.US_ASCII);
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
