package org.styleatlas.engine.cache;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file written a piece at a time, for example one video frame's maps as each is evaluated, that
 * readers see either not at all or whole: the bytes go to a temporary file beside the target, and
 * {@link #commit()} forces them to disk and renames the file over the target in one step. Closing
 * it without a commit (an exception in the producer) removes the temporary file and leaves the
 * target untouched. Not thread-safe.
 */
public final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path tmp;
  private final FileOutputStream file;
  private final BufferedOutputStream buffered;
  private final OutputStream stream;
  private boolean done;

  private AtomicOutput(Path target, Path tmp) throws IOException {
    this.target = target;
    this.tmp = tmp;
    this.file = new FileOutputStream(tmp.toFile());
    this.buffered = new BufferedOutputStream(file, 1 << 16);
    // Writers such as Jackson close the stream they are given; keep ours open until it is synced.
    this.stream =
        new FilterOutputStream(buffered) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
  }

  /**
   * Starts writing {@code target} (its folder is created if missing); nothing is visible there
   * before {@link #commit()}.
   */
  public static AtomicOutput open(Path target) throws IOException {
    Path tmp = AtomicFiles.temporaryFor(target);
    try {
      return new AtomicOutput(target, tmp);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw AtomicFiles.failure(target, e);
    }
  }

  /** Where the content goes; closing it only flushes it. */
  public OutputStream stream() {
    return stream;
  }

  /** Forces what was written to disk and renames it over the target in one step. */
  public void commit() throws IOException {
    if (done) {
      throw new IllegalStateException(target + " is already committed or abandoned");
    }
    done = true;
    try {
      try (file) {
        buffered.flush();
        file.getFD().sync();
      }
      AtomicFiles.moveAtomically(tmp, target);
    } catch (IOException e) {
      throw AtomicFiles.failure(target, e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Abandons the content unless {@link #commit()} ran: the temporary file is removed, the target
   * untouched.
   */
  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      try (file) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
