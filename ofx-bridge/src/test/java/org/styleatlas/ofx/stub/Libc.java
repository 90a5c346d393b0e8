package org.styleatlas.ofx.stub;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The libc calls the harness needs: POSIX shared memory and the process environment. */
public interface Libc extends Library {
  /** Kept in a static field: JNA unloads an unreachable library proxy. */
  Libc C = Native.load("c", Libc.class);

  int O_RDWR = 2;
  int PROT_READ = 1;
  int PROT_WRITE = 2;
  int MAP_SHARED = 1;

  /** Linux: fault every page of the mapping in at once (one call instead of a fault per page). */
  int MAP_POPULATE = 0x8000;

  int SEEK_END = 2;

  int shm_open(String name, int flags, int mode);

  int shm_unlink(String name);

  Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

  int munmap(Pointer addr, long length);

  long lseek(int fd, long offset, int whence);

  int close(int fd);

  int setenv(String name, String value, int overwrite);

  int unsetenv(String name);
}
