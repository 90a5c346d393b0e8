package org.styleatlas.engine.cache;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Raw little-endian float32 files holding a list of equally long arrays (for example one per frame):
 * an int32 count, an int32 length, then count × length floats. Used for cached flows and UV maps.
 */
public final class Float32Files {
  private Float32Files() {}

  /** Writes {@code arrays} (all of one length) atomically. */
  public static void write(Path file, List<float[]> arrays) throws IOException {
    try (Appender out = append(file, arrays.size(), arrays.isEmpty() ? 0 : arrays.get(0).length)) {
      for (float[] a : arrays) {
        out.add(a);
      }
      out.commit();
    }
  }

  /**
   * Starts writing {@code file} one array at a time, in the layout of {@link #write} (the header now, each
   * array as it is added), so a long list is never held whole. Nothing is visible at {@code file} until
   * {@link Appender#commit()}; closing the appender without a commit removes what was written.
   *
   * @param count how many arrays will be added
   * @param length the length of each, in floats
   */
  public static Appender append(Path file, int count, int length) throws IOException {
    if (count < 0 || length < 0) {
      throw new IllegalArgumentException("negative count or length: " + count + " x " + length);
    }
    AtomicOutput out = AtomicOutput.open(file);
    try {
      ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      head.putInt(count).putInt(length);
      out.stream().write(head.array());
      return new Appender(file, out, count, length);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * A {@link Float32Files} file being written array by array (see {@link #append}); holds 64 KiB of bytes,
   * not a copy of the array. Not thread-safe.
   */
  public static final class Appender implements AutoCloseable {
    /** Floats converted to bytes at a time: 64 KiB, the output buffer's size, instead of a whole array's copy. */
    private static final int PIECE = 1 << 14;
    private final Path file;
    private final AtomicOutput out;
    private final int count;
    private final int length;
    private final ByteBuffer bytes;
    private int added;

    private Appender(Path file, AtomicOutput out, int count, int length) {
      this.file = file;
      this.out = out;
      this.count = count;
      this.length = length;
      this.bytes = ByteBuffer.allocate(4 * Math.min(length, PIECE)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends the next array; it must have the declared length, and at most the declared count are taken. */
    public void add(float[] a) throws IOException {
      if (a.length != length) {
        throw new IllegalArgumentException(file + ": arrays differ in length: " + a.length + " vs " + length);
      }
      if (added == count) {
        throw new IllegalStateException(file + ": more than the declared " + count + " arrays");
      }
      for (int start = 0; start < length; start += PIECE) {
        int n = Math.min(PIECE, length - start);
        bytes.clear();
        bytes.asFloatBuffer().put(a, start, n);
        out.stream().write(bytes.array(), 0, n * 4);
      }
      added++;
    }

    /** The file this writes. */
    public Path file() {
      return file;
    }

    /** Puts the file in place once all declared arrays were added. */
    public void commit() throws IOException {
      if (added != count) {
        throw new IllegalStateException(file + ": " + added + " of the declared " + count + " arrays added");
      }
      out.commit();
    }

    /** Removes the partial file unless {@link #commit()} ran. */
    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads a file written by {@link #write}. */
  public static List<float[]> read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      byte[] headBytes = new byte[8];
      in.readFully(headBytes);
      ByteBuffer head = ByteBuffer.wrap(headBytes).order(ByteOrder.LITTLE_ENDIAN);
      int count = head.getInt();
      int len = head.getInt();
      if (count < 0 || len < 0) {
        throw new IOException(file + ": corrupt float32 file header");
      }
      List<float[]> out = new ArrayList<>(count);
      byte[] bytes = new byte[len * 4];
      for (int i = 0; i < count; i++) {
        in.readFully(bytes);
        float[] a = new float[len];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
        out.add(a);
      }
      return out;
    }
  }

  /**
   * A view of a file written by {@link #write} that reads one array from disk on each {@code get}, so only
   * the arrays in use are in memory (e.g. one frame's maps of a long clip). The header and the file's length
   * are checked now; a read that fails later throws {@link UncheckedIOException}.
   */
  public static List<float[]> readLazily(Path file) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      readFully(ch, head, 0, file);
      int count = head.getInt(0);
      int len = head.getInt(4);
      if (count < 0 || len < 0 || ch.size() != 8 + 4L * count * len) {
        throw new IOException(file + ": corrupt float32 file header (" + count + " x " + len + " floats in "
            + ch.size() + " bytes)");
      }
      return new LazyArrays(file, count, len);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
    for (long pos = position; buf.hasRemaining(); ) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException(file + ": ends early");
      }
      pos += n;
    }
  }

  /** The arrays of one file, each read on request. */
  private static final class LazyArrays extends AbstractList<float[]> implements RandomAccess {
    private final Path file;
    private final int count;
    private final int len;

    LazyArrays(Path file, int count, int len) {
      this.file = file;
      this.count = count;
      this.len = len;
    }

    @Override
    public float[] get(int i) {
      java.util.Objects.checkIndex(i, count);
      float[] a = new float[len];
      // A piece at a time, as the writer does: no byte copy of the whole array beside it.
      ByteBuffer bytes = ByteBuffer.allocate(4 * Math.min(len, Appender.PIECE)).order(ByteOrder.LITTLE_ENDIAN);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        for (int start = 0; start < len; start += Appender.PIECE) {
          int n = Math.min(Appender.PIECE, len - start);
          bytes.clear().limit(4 * n);
          readFully(ch, bytes, 8 + 4L * ((long) len * i + start), file);
          bytes.flip();
          bytes.asFloatBuffer().get(a, start, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read array " + i + " of " + file + ": " + e.getMessage(), e);
      }
      return a;
    }

    @Override
    public int size() {
      return count;
    }
  }
}
