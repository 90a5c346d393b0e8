package org.styleatlas.host.shm;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.regex.Pattern;
import org.styleatlas.host.bridge.ErrorCode;
import org.styleatlas.host.bridge.ProtocolException;

/**
 * A POSIX shared-memory segment mapped read-write. The host maps segments the plugin created; it
 * never creates or unlinks them ({@link #create} and {@link #unlink} exist for test clients and
 * benchmarks). Close it to unmap.
 */
public final class SharedSegment implements AutoCloseable {
  /** docs/PROTOCOL.md: {@code /styleatlas-<pid>-<sequence>}. */
  public static final Pattern NAME = Pattern.compile("^/styleatlas-[0-9]{1,10}-[0-9]{1,19}$");

  private final String name;
  private final Pointer base;
  private final long size;
  private boolean closed;

  private SharedSegment(String name, Pointer base, long size) {
    this.name = name;
    this.base = base;
    this.size = size;
  }

  /** Maps an existing segment, whole. */
  public static SharedSegment open(String name) {
    checkName(name);
    int fd = LibC.C.shm_open(name, LibC.O_RDWR, 0);
    if (fd < 0) {
      throw new ProtocolException(
          ErrorCode.BAD_SEGMENT, "shm " + name + ": cannot open: " + LibC.lastError());
    }
    try {
      long size = LibC.C.lseek(fd, 0, LibC.SEEK_END);
      if (size <= 0) {
        throw new ProtocolException(ErrorCode.BAD_SEGMENT, "shm " + name + ": empty segment");
      }
      return map(name, fd, size);
    } finally {
      LibC.C.close(fd);
    }
  }

  /** Creates, sizes and maps a new segment, as the plugin does (mode 0600, must not exist). */
  public static SharedSegment create(String name, long size) {
    checkName(name);
    int fd = LibC.C.shm_open(name, LibC.O_CREAT | LibC.O_EXCL | LibC.O_RDWR, 0600);
    if (fd < 0) {
      throw new IllegalStateException("shm " + name + ": cannot create: " + LibC.lastError());
    }
    try {
      if (LibC.C.ftruncate(fd, size) != 0) {
        String err = LibC.lastError();
        LibC.C.shm_unlink(name);
        throw new IllegalStateException("shm " + name + ": cannot size to " + size + ": " + err);
      }
      return map(name, fd, size);
    } finally {
      LibC.C.close(fd);
    }
  }

  /** Removes a segment's name (the creator's job). */
  public static void unlink(String name) {
    LibC.C.shm_unlink(name);
  }

  private static SharedSegment map(String name, int fd, long size) {
    Pointer p =
        LibC.C.mmap(
            null,
            size,
            LibC.PROT_READ | LibC.PROT_WRITE,
            LibC.MAP_SHARED | LibC.MAP_POPULATE,
            fd,
            0);
    if (p == null || Pointer.nativeValue(p) == -1L) {
      throw new ProtocolException(
          ErrorCode.BAD_SEGMENT, "shm " + name + ": cannot map: " + LibC.lastError());
    }
    return new SharedSegment(name, p, size);
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ProtocolException(
          ErrorCode.BAD_SEGMENT,
          "shm: segment name must match " + NAME.pattern() + ", got '" + name + "'");
    }
  }

  public long size() {
    return size;
  }

  /**
   * A native-order view of {@code bytes} bytes at {@code offset}, checked to lie inside the
   * segment.
   *
   * @param what the plane's name for error messages, e.g. "image"
   */
  public ByteBuffer slice(String what, long offset, long bytes) {
    if (closed) {
      throw new IllegalStateException("shm " + name + " is unmapped");
    }
    if (offset < 0 || bytes < 0 || bytes > Integer.MAX_VALUE || offset > size - bytes) {
      throw new ProtocolException(
          ErrorCode.BAD_SEGMENT,
          String.format(
              "%s: offset %d + %d bytes lies outside shm %s of %d bytes",
              what, offset, bytes, name, size));
    }
    return base.getByteBuffer(offset, bytes).order(ByteOrder.nativeOrder());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      LibC.C.munmap(base, size);
    }
  }
}
