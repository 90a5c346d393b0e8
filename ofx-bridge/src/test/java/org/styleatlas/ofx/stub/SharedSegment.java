package org.styleatlas.ofx.stub;

import com.sun.jna.Pointer;
import java.util.regex.Pattern;

/** A shim-created shared-memory segment, mapped by name (never created or unlinked here). */
final class SharedSegment implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("^/styleatlas-[0-9]+-[0-9]+$");
  private static final Pointer MAP_FAILED = new Pointer(-1);

  private final Pointer base;
  private final long size;

  private SharedSegment(Pointer base, long size) {
    this.base = base;
    this.size = size;
  }

  static SharedSegment open(String name) throws ProtocolException {
    if (name == null || !NAME.matcher(name).matches())
      throw new ProtocolException("bad-segment", "segment name " + name);
    int fd = Libc.C.shm_open(name, Libc.O_RDWR, 0);
    if (fd < 0) throw new ProtocolException("bad-segment", "cannot open segment " + name);
    try {
      long size = Libc.C.lseek(fd, 0, Libc.SEEK_END);
      Pointer p =
          size > 0
              ? Libc.C.mmap(
                  null,
                  size,
                  Libc.PROT_READ | Libc.PROT_WRITE,
                  Libc.MAP_SHARED | Libc.MAP_POPULATE,
                  fd,
                  0)
              : null;
      if (p == null || p.equals(MAP_FAILED))
        throw new ProtocolException("bad-segment", "cannot map segment " + name);
      return new SharedSegment(p, size);
    } finally {
      Libc.C.close(fd);
    }
  }

  private void check(long offset, long bytes) throws ProtocolException {
    if (offset < 0 || bytes < 0 || offset + bytes > size) {
      throw new ProtocolException(
          "bad-segment", "offset " + offset + " + " + bytes + " exceeds segment size " + size);
    }
  }

  float[] read(long offset, int floats) throws ProtocolException {
    check(offset, 4L * floats);
    float[] out = new float[floats];
    base.read(offset, out, 0, floats);
    return out;
  }

  /** Reads floats at offset into buf[0, count). */
  void read(long offset, float[] buf, int count) throws ProtocolException {
    check(offset, 4L * count);
    base.read(offset, buf, 0, count);
  }

  /** Writes buf[0, count) at offset. */
  void write(long offset, float[] buf, int count) throws ProtocolException {
    check(offset, 4L * count);
    base.write(offset, buf, 0, count);
  }

  void write(long offset, float[] data) throws ProtocolException {
    check(offset, 4L * data.length);
    base.write(offset, data, 0, data.length);
  }

  @Override
  public void close() {
    Libc.C.munmap(base, size);
  }
}
