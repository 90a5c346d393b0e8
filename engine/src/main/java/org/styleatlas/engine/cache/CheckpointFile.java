package org.styleatlas.engine.cache;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one checkpoint format of every resumable training run (decomposition and stylization alike):
 * a file replaced atomically ({@link AtomicFiles}) whose payload is only ever handed out after its
 * checksum and its run key were verified.
 *
 * <p>Layout (big-endian): magic {@code "SACP"} (int), version (int), kind (UTF), run key (UTF),
 * payload, CRC-32C of every byte before it (int). The run key identifies the run (a hash of its
 * inputs and settings), so the checkpoint of another run is never resumed.
 *
 * <p>A checkpoint of another run is ignored (and replaced by the next save). A <em>bad</em> one
 * (not a checkpoint, another version or kind, truncated, a failed checksum, or a payload its reader
 * refuses) is reported at WARN with its path and the reason, moved aside to {@code <name>.bad} so
 * it can be inspected, and the run starts afresh; it never stops the run.
 */
public final class CheckpointFile {
  /** What a checkpoint holds; part of its header, so one kind is never read as another. */
  public enum Kind {
    DECOMPOSITION,
    STYLIZATION
  }

  /** Writes a checkpoint's payload. */
  @FunctionalInterface
  public interface PayloadWriter {
    void writeTo(DataOutputStream out) throws IOException;
  }

  /** Suffix of a checkpoint moved aside because it was bad. */
  public static final String BAD_SUFFIX = ".bad";

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);
  private static final int MAGIC = 0x53414350; // "SACP"
  private static final int VERSION = 1;
  private static final int CRC_BYTES = Integer.BYTES;

  private final Path file;
  private final Kind kind;
  private final String runKey;

  /**
   * @param file where the checkpoint lives
   * @param kind what it holds
   * @param runKey the identity of the run it belongs to
   */
  public CheckpointFile(Path file, Kind kind, String runKey) {
    this.file = file;
    this.kind = kind;
    this.runKey = runKey;
  }

  public Path file() {
    return file;
  }

  /** Where a bad checkpoint is moved to. */
  public Path setAsideFile() {
    return file.resolveSibling(file.getFileName() + BAD_SUFFIX);
  }

  /**
   * Writes the checkpoint atomically, replacing any earlier one; on failure the earlier one is
   * unchanged.
   */
  public void save(PayloadWriter payload) throws IOException {
    AtomicFiles.write(
        file,
        stream -> {
          CRC32C crc = new CRC32C();
          DataOutputStream out = new DataOutputStream(new CheckedOutputStream(stream, crc));
          out.writeInt(MAGIC);
          out.writeInt(VERSION);
          out.writeUTF(kind.name());
          out.writeUTF(runKey);
          payload.writeTo(out);
          out.flush();
          new DataOutputStream(stream).writeInt((int) crc.getValue());
          stream.flush();
        });
  }

  /**
   * The verified payload of this run's checkpoint, positioned at its first byte.
   *
   * @return empty when there is none, when it belongs to another run, or when it was bad (then it
   *     was reported and moved aside)
   * @throws IOException when the file exists but cannot be read at all (permissions, I/O error)
   */
  public Optional<DataInputStream> open() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 2 * Integer.BYTES + CRC_BYTES) {
      return setAside("truncated (" + bytes.length + " bytes)");
    }
    int payloadEnd = bytes.length - CRC_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, payloadEnd);
    boolean crcOk = (int) crc.getValue() == ByteBuffer.wrap(bytes, payloadEnd, CRC_BYTES).getInt();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, payloadEnd));
    try {
      if (in.readInt() != MAGIC) {
        return setAside("not a StyleAtlas checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        return setAside("checkpoint format version " + version + ", this build reads " + VERSION);
      }
      if (!crcOk) {
        return setAside("bad checksum (truncated or corrupt)");
      }
      String storedKind = in.readUTF();
      if (!storedKind.equals(kind.name())) {
        return setAside("a " + storedKind + " checkpoint where a " + kind + " one belongs");
      }
      if (!in.readUTF().equals(runKey)) {
        LOG.warn("checkpoint {} belongs to another run; starting afresh", file);
        return Optional.empty();
      }
      return Optional.of(in);
    } catch (EOFException | IllegalArgumentException e) {
      return setAside("truncated or corrupt header");
    }
  }

  /**
   * Whether {@link #open()} finds a checkpoint of this run (a bad one is reported and moved aside).
   */
  public boolean resumable() throws IOException {
    return open().isPresent();
  }

  /**
   * Reports the checkpoint as bad, naming it and {@code reason}, and moves it aside so the run
   * starts afresh; for a payload that passed its checksum but that the reader cannot use.
   *
   * @return always empty, for the reader's convenience
   */
  public <T> Optional<T> setAside(String reason) {
    Path aside = setAsideFile();
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      LOG.warn(
          "bad checkpoint {}: {}; moved aside to {}, training starts afresh", file, reason, aside);
    } catch (IOException e) {
      LOG.warn(
          "bad checkpoint {}: {}; cannot move it aside ({}), training starts afresh",
          file,
          reason,
          e.getMessage());
      try {
        Files.deleteIfExists(file);
      } catch (IOException gone) {
        LOG.warn("cannot delete bad checkpoint {}: {}", file, gone.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Removes the checkpoint (the run completed and its result is stored). */
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
