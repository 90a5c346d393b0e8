package org.styleatlas.engine.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The list of files of one cache entry with their sizes and SHA-256 checksums, stored as {@value
 * #FILE_NAME} inside the entry. Written last, so an entry without it is incomplete.
 *
 * @param files file name (relative to the entry, '/'-separated) → its size and checksum
 */
record Manifest(Map<String, FileSum> files) {
  static final String FILE_NAME = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Size in bytes and lower-case hex SHA-256 of one file. */
  record FileSum(long bytes, String sha256) {}

  long totalBytes() {
    return files.values().stream().mapToLong(FileSum::bytes).sum();
  }

  /** Checksums every regular file below {@code dir} except the manifest itself. */
  static Manifest of(Path dir) throws IOException {
    Map<String, FileSum> sums = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        if (!name.equals(FILE_NAME)) {
          sums.put(name, sum(p));
        }
      }
    }
    return new Manifest(sums);
  }

  void write(Path dir) throws IOException {
    AtomicFiles.write(
        dir.resolve(FILE_NAME), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, this));
  }

  static Manifest read(Path dir) throws IOException {
    return JSON.readValue(dir.resolve(FILE_NAME).toFile(), Manifest.class);
  }

  /** The first file that is missing or differs from its recorded size or checksum, or null. */
  String firstMismatch(Path dir) throws IOException {
    for (Map.Entry<String, FileSum> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      if (!Files.isRegularFile(p)
          || Files.size(p) != e.getValue().bytes()
          || !sum(p).equals(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }

  private static FileSum sum(Path p) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        n += r;
      }
    }
    return new FileSum(n, HexFormat.of().formatHex(md.digest()));
  }
}
