package org.styleatlas.engine.clipmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the models directory remembers about one stored file ({@code NAME.json} beside {@code
 * NAME.pt}): its SHA-256, and the size and modification time at which that hash was checked, so
 * that an unchanged file is not hashed again at every start while a truncated or replaced one is
 * noticed.
 *
 * @param name the model name
 * @param sha256 lower-case hex SHA-256 of the file when it was stored
 * @param bytes its size then
 * @param modifiedMillis its modification time then
 * @param catalogued whether the SHA-256 is the one of a {@link KnownClipModel}
 */
record ModelRecord(
    String name, String sha256, long bytes, long modifiedMillis, boolean catalogued) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  ModelRecord {
    if (!SHA256.matcher(sha256).matches() || bytes < 0) {
      throw new IllegalArgumentException("bad model record for " + name);
    }
  }

  /** A record of {@code file} as it is now, with its freshly computed hash. */
  static ModelRecord of(String name, Path file, String sha256, boolean catalogued)
      throws IOException {
    return new ModelRecord(
        name, sha256, Files.size(file), Files.getLastModifiedTime(file).toMillis(), catalogued);
  }

  /** Whether {@code file} still has the size and modification time recorded. */
  boolean unchanged(Path file) throws IOException {
    return Files.size(file) == bytes
        && Files.getLastModifiedTime(file).toMillis() == modifiedMillis;
  }

  static Optional<ModelRecord> read(Path recordFile) {
    if (!Files.isRegularFile(recordFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(recordFile.toFile(), ModelRecord.class));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  void write(Path recordFile) throws IOException {
    Path tmp = recordFile.resolveSibling(recordFile.getFileName() + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
    Files.move(
        tmp, recordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
