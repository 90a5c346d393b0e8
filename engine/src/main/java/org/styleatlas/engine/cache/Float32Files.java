package org.styleatlas.engine.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.zip.CRC32C;

/**
 * The one file format of float arrays in the cache (UV maps, flows, atlases, collected frames, maps
 * at output sizes): a list of float32 arrays, each with its own length and checksum, little-endian.
 *
 * <pre>
 * header  "SAF2" (4 bytes), int32 count, int32 reserved (0), int32 CRC-32C of the previous 12 bytes
 * record  int32 length n, n float32, int32 CRC-32C of the record's length and floats   (count times)
 * </pre>
 *
 * Every read checks the header and the checksum of each record it reads ({@link #readLazily} one
 * record at a time), so a damaged file fails with an {@link IOException} naming the file and the
 * record instead of handing out wrong numbers. Files of the earlier headerless layout (int32 count,
 * int32 length, floats, no checksum) are still read, so caches written before the format existed
 * stay valid; nothing writes them.
 */
public final class Float32Files {
  private static final int MAGIC = 0x32464153; // "SAF2" little-endian
  private static final int HEADER = 16;

  /** Floats converted to bytes at a time: 64 KiB, instead of a whole array's copy. */
  private static final int PIECE = 1 << 14;

  /** Any length per record ({@link #append(Path, int)}). */
  private static final int ANY_LENGTH = -1;

  private Float32Files() {}

  /** Writes {@code arrays} (all of one length) atomically. */
  public static void write(Path file, List<float[]> arrays) throws IOException {
    try (Appender out = append(file, arrays.size())) {
      for (float[] a : arrays) {
        out.add(a);
      }
      out.commit();
    }
  }

  /**
   * Starts writing {@code file} one array at a time (the header now, each array as it is added), so
   * a long list is never held whole. Nothing is visible at {@code file} until {@link
   * Appender#commit()}; closing the appender without a commit removes what was written.
   *
   * @param count how many arrays will be added
   * @param length the length of each, in floats
   */
  public static Appender append(Path file, int count, int length) throws IOException {
    if (length < 0) {
      throw new IllegalArgumentException("negative array length: " + length);
    }
    return open(file, count, length);
  }

  /**
   * {@link #append(Path, int, int)} for arrays of any lengths (for example per-frame lists of
   * pixels).
   */
  public static Appender append(Path file, int count) throws IOException {
    return open(file, count, ANY_LENGTH);
  }

  private static Appender open(Path file, int count, int length) throws IOException {
    if (count < 0) {
      throw new IllegalArgumentException("negative array count: " + count);
    }
    AtomicOutput out = AtomicOutput.open(file);
    try {
      ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      head.putInt(MAGIC).putInt(count).putInt(0);
      CRC32C crc = new CRC32C();
      crc.update(head.array(), 0, 12);
      head.putInt((int) crc.getValue());
      out.stream().write(head.array());
      return new Appender(file, out, count, length);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * A file being written array by array (see {@link #append}); holds 64 KiB of bytes. Not
   * thread-safe.
   */
  public static final class Appender implements AutoCloseable {
    private final Path file;
    private final AtomicOutput out;
    private final int count;
    private final int length;
    private final ByteBuffer bytes = ByteBuffer.allocate(4 * PIECE).order(ByteOrder.LITTLE_ENDIAN);
    private final float[] piece = new float[PIECE];
    private final CRC32C crc = new CRC32C();
    private int added;

    private Appender(Path file, AtomicOutput out, int count, int length) {
      this.file = file;
      this.out = out;
      this.count = count;
      this.length = length;
    }

    /**
     * Appends the next array; it must have the declared length, and at most the declared count are
     * taken.
     */
    public void add(float[] a) throws IOException {
      add(FloatBuffer.wrap(a));
    }

    /**
     * Appends the remaining floats of {@code values} as the next array (its position is left
     * unchanged).
     */
    public void add(FloatBuffer values) throws IOException {
      FloatBuffer v = values.duplicate();
      int n = v.remaining();
      if (length != ANY_LENGTH && n != length) {
        throw new IllegalArgumentException(
            file + ": arrays differ in length: " + n + " vs " + length);
      }
      if (added == count) {
        throw new IllegalStateException(file + ": more than the declared " + count + " arrays");
      }
      crc.reset();
      bytes.clear();
      bytes.putInt(n);
      flush();
      while (v.hasRemaining()) {
        int k = Math.min(PIECE, v.remaining());
        v.get(piece, 0, k);
        bytes.clear();
        bytes.asFloatBuffer().put(piece, 0, k);
        bytes.position(4 * k);
        flush();
      }
      bytes.clear();
      bytes.putInt((int) crc.getValue());
      out.stream().write(bytes.array(), 0, 4);
      added++;
    }

    private void flush() throws IOException {
      crc.update(bytes.array(), 0, bytes.position());
      out.stream().write(bytes.array(), 0, bytes.position());
    }

    /** The file this writes. */
    public Path file() {
      return file;
    }

    /** Puts the file in place once all declared arrays were added. */
    public void commit() throws IOException {
      if (added != count) {
        throw new IllegalStateException(
            file + ": " + added + " of the declared " + count + " arrays added");
      }
      out.commit();
    }

    /** Removes the partial file unless {@link #commit()} ran. */
    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads every array of a file, checking each checksum. */
  public static List<float[]> read(Path file) throws IOException {
    List<float[]> lazy = readLazily(file);
    List<float[]> out = new ArrayList<>(lazy.size());
    try {
      for (float[] a : lazy) {
        out.add(a);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  /**
   * A view of a file that reads (and checks) one array from disk on each {@code get}, so only the
   * arrays in use are in memory (e.g. one frame's maps of a long clip). The header, the record
   * lengths and the file's length are checked now; a read that fails later throws {@link
   * UncheckedIOException}.
   */
  public static List<float[]> readLazily(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, head, 0, file, Math.min(HEADER, (int) Math.min(ch.size(), HEADER)));
      if (head.position() >= 4 && head.getInt(0) == MAGIC) {
        return new Records(file, index(ch, head, file), true);
      }
      return new Records(file, legacyIndex(ch, head, file), false);
    }
  }

  /**
   * Whether array {@code index} of {@code file} holds exactly the floats of {@code
   * littleEndianFloats} (compared byte for byte through a memory map, without copying the file):
   * the content check behind a fast non-cryptographic fingerprint.
   *
   * @param littleEndianFloats the remaining bytes are compared; its position is left unchanged
   */
  public static boolean matches(Path file, int index, ByteBuffer littleEndianFloats)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, head, 0, file, Math.min(HEADER, (int) Math.min(ch.size(), HEADER)));
      boolean framed = head.position() >= 4 && head.getInt(0) == MAGIC;
      long[][] records = framed ? index(ch, head, file) : legacyIndex(ch, head, file);
      Objects.checkIndex(index, records.length);
      long bytes = 4L * records[index][1];
      if (bytes != littleEndianFloats.remaining()) {
        return false;
      }
      MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, records[index][0], bytes);
      return mapped.mismatch(littleEndianFloats.duplicate()) < 0;
    }
  }

  /**
   * Offsets of each record's floats and their lengths, {@code [count][2]}, checking the header's
   * checksum.
   */
  private static long[][] index(FileChannel ch, ByteBuffer head, Path file) throws IOException {
    if (head.position() < HEADER) {
      throw new IOException(file + ": float array file ends inside its header");
    }
    CRC32C crc = new CRC32C();
    crc.update(head.array(), 0, 12);
    if ((int) crc.getValue() != head.getInt(12)) {
      throw new IOException(file + ": float array file header checksum mismatch");
    }
    int count = head.getInt(4);
    if (count < 0) {
      throw new IOException(file + ": corrupt float array file header (count " + count + ")");
    }
    long[][] records = new long[count][];
    long pos = HEADER;
    ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      len.clear();
      readFully(ch, len, pos, file, 4);
      int n = len.getInt(0);
      if (n < 0 || pos + 8 + 4L * n > ch.size()) {
        throw new IOException(
            file
                + ": record "
                + i
                + " of "
                + count
                + " is corrupt or cut short (length "
                + n
                + ")");
      }
      records[i] = new long[] {pos + 4, n};
      pos += 8 + 4L * n;
    }
    if (pos != ch.size()) {
      throw new IOException(
          file + ": " + (ch.size() - pos) + " bytes after the last of " + count + " records");
    }
    return records;
  }

  /**
   * The earlier headerless layout: int32 count, int32 length, count × length floats, no checksum.
   */
  private static long[][] legacyIndex(FileChannel ch, ByteBuffer head, Path file)
      throws IOException {
    if (head.position() < 8) {
      throw new IOException(file + ": too short for a float array file (" + ch.size() + " bytes)");
    }
    int count = head.getInt(0);
    int len = head.getInt(4);
    if (count < 0 || len < 0 || ch.size() != 8 + 4L * count * len) {
      throw new IOException(
          file
              + ": not a float array file ("
              + count
              + " x "
              + len
              + " floats in "
              + ch.size()
              + " bytes)");
    }
    long[][] records = new long[count][];
    for (int i = 0; i < count; i++) {
      records[i] = new long[] {8 + 4L * len * i, len};
    }
    return records;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file, int bytes)
      throws IOException {
    buf.clear().limit(bytes);
    for (long pos = position; buf.hasRemaining(); ) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException(file + ": ends early");
      }
      pos += n;
    }
  }

  /** The arrays of one file, each read and checked on request. */
  private static final class Records extends AbstractList<float[]> implements RandomAccess {
    private final Path file;
    private final long[][] records;
    private final boolean checked;

    Records(Path file, long[][] records, boolean checked) {
      this.file = file;
      this.records = records;
      this.checked = checked;
    }

    @Override
    public float[] get(int i) {
      Objects.checkIndex(i, records.length);
      int len = (int) records[i][1];
      float[] a = new float[len];
      ByteBuffer bytes =
          ByteBuffer.allocate(4 * Math.max(1, Math.min(len, PIECE))).order(ByteOrder.LITTLE_ENDIAN);
      CRC32C crc = new CRC32C();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        if (checked) {
          bytes.clear();
          bytes.putInt(len).flip();
          crc.update(bytes);
        }
        for (int start = 0; start < len; start += PIECE) {
          int n = Math.min(PIECE, len - start);
          readFully(ch, bytes, records[i][0] + 4L * start, file, 4 * n);
          bytes.flip();
          bytes.asFloatBuffer().get(a, start, n);
          crc.update(bytes);
        }
        if (checked) {
          readFully(ch, bytes, records[i][0] + 4L * len, file, 4);
          if (bytes.getInt(0) != (int) crc.getValue()) {
            throw new IOException(
                file + ": checksum mismatch in record " + i + " of " + records.length);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read array " + i + " of " + file + ": " + e.getMessage(), e);
      }
      return a;
    }

    @Override
    public int size() {
      return records.length;
    }
  }
}
