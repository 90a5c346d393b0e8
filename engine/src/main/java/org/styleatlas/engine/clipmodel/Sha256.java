package org.styleatlas.engine.clipmodel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.styleatlas.engine.runtime.ProgressSink;

/** SHA-256 of files, with progress in bytes. */
final class Sha256 {
  private static final int BUFFER = 1 << 20;

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Lower-case hex SHA-256 of a file; reports progress as task "verify" in bytes. */
  static String of(Path file, ProgressSink progress) throws IOException {
    MessageDigest digest = newDigest();
    long total = Math.max(1, Files.size(file));
    long done = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        done += n;
        progress.update("verify", done, total, file.getFileName().toString());
      }
    }
    return hex(digest);
  }
}
