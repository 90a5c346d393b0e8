package org.styleatlas.host.shm;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few POSIX calls the bridge needs, from the C library through JNA (Linux x86-64 / aarch64).
 */
public interface LibC extends Library {
  /** Kept in a constant so the proxy stays strongly reachable. */
  LibC C = Native.load("c", LibC.class);

  int O_RDWR = 2;
  int O_CREAT = 0100;
  int O_EXCL = 0200;
  int PROT_READ = 1;
  int PROT_WRITE = 2;
  int MAP_SHARED = 1;

  /**
   * Linux (x86-64 and aarch64): fault every page of the mapping in at once. A request's segment is
   * read and written whole, so one populate call replaces a page fault per 4 KiB (16,000 at 1080p).
   */
  int MAP_POPULATE = 0x8000;

  int SEEK_END = 2;

  int shm_open(String name, int oflag, int mode);

  int shm_unlink(String name);

  int ftruncate(int fd, long length);

  long lseek(int fd, long offset, int whence);

  Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

  int munmap(Pointer addr, long length);

  int close(int fd);

  int getuid();

  String strerror(int errnum);

  /** The real user id of this process. */
  static int uid() {
    return C.getuid();
  }

  /** The text of the last error of a call on this thread. */
  static String lastError() {
    int e = Native.getLastError();
    return C.strerror(e) + " (errno " + e + ")";
  }
}
