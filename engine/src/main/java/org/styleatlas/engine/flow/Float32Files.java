package org.styleatlas.engine.flow;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.styleatlas.engine.cache.AtomicFiles;

/**
 * Raw little-endian float32 files holding a list of equally long arrays (for example one per frame):
 * an int32 count, an int32 length, then count × length floats. Used for cached flows and UV maps.
 */
public final class Float32Files {
  private Float32Files() {}

  /** Writes {@code arrays} (all of one length) atomically. */
  public static void write(Path file, List<float[]> arrays) throws IOException {
    int len = arrays.isEmpty() ? 0 : arrays.get(0).length;
    AtomicFiles.write(file, out -> write(out, arrays, len));
  }

  private static void write(OutputStream out, List<float[]> arrays, int len) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(arrays.size()).putInt(len);
    out.write(head.array());
    for (float[] a : arrays) {
      if (a.length != len) {
        throw new IllegalArgumentException("arrays differ in length: " + a.length + " vs " + len);
      }
      ByteBuffer b = ByteBuffer.allocate(len * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(a);
      out.write(b.array());
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
      ByteBuffer bytes = ByteBuffer.allocate(len * 4).order(ByteOrder.LITTLE_ENDIAN);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        readFully(ch, bytes, 8 + 4L * len * i, file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read array " + i + " of " + file + ": " + e.getMessage(), e);
      }
      float[] a = new float[len];
      bytes.flip();
      bytes.asFloatBuffer().get(a);
      return a;
    }

    @Override
    public int size() {
      return count;
    }
  }
}
