package org.styleatlas.engine.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that readers see either the old content or the whole new content, never a part.
 */
public final class AtomicFiles {

  /** Writes the content of one file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final AtomicLong TEMP_COUNTER = new AtomicLong();
  private static final String TEMP_SUFFIX = ".tmp";

  /** What follows {@code .<name>.} in a temporary's file name: {@code <pid>-<n>.tmp}. */
  private static final Pattern TEMP_PID = Pattern.compile("([0-9]{1,19})-[0-9]+\\.tmp");

  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

  private AtomicFiles() {}

  /**
   * Writes {@code target} through a temporary file in the same folder, forced to disk, then renamed
   * over the target in one step. On failure the target is untouched and the temporary file removed.
   */
  public static void write(Path target, Content content) throws IOException {
    try (AtomicOutput out = AtomicOutput.open(target)) {
      try {
        content.writeTo(out.stream());
      } catch (IOException e) {
        throw failure(target, e);
      }
      out.commit();
    }
  }

  /**
   * Fills a temporary file, for writers (such as FFmpeg's) that need a file name rather than a
   * stream.
   */
  @FunctionalInterface
  public interface FileContent {
    void writeTo(Path tmp) throws IOException;
  }

  /**
   * Writes {@code target} by filling a temporary file beside it, then renaming it over the target
   * in one step. On failure (a full disk, a writer error) the target is untouched, the temporary
   * file removed, and the exception names the target and the cause.
   */
  public static void replace(Path target, FileContent content) throws IOException {
    Path tmp = temporaryFor(target);
    try {
      content.writeTo(tmp);
      moveAtomically(tmp, target);
    } catch (IOException e) {
      throw failure(target, e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new temporary file name beside {@code target}, whose folder is created if missing.
   * Temporaries of the same target left by processes that no longer run (killed mid-write) are
   * removed first.
   */
  static Path temporaryFor(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    removeStaleTemporaries(dir, target.getFileName().toString());
    // Not Files.createTempFile: it creates the file 0600, and a renamed output must keep the
    // umask's mode.
    return dir.resolve(
        "."
            + target.getFileName()
            + "."
            + ProcessHandle.current().pid()
            + "-"
            + TEMP_COUNTER.incrementAndGet()
            + TEMP_SUFFIX);
  }

  /** Deletes {@code .<name>.<pid>-<n>.tmp} files in {@code dir} whose writing process is gone. */
  private static void removeStaleTemporaries(Path dir, String name) {
    String prefix = "." + name + ".";
    try (DirectoryStream<Path> tmps =
        Files.newDirectoryStream(
            dir,
            p -> {
              String f = p.getFileName().toString();
              return f.startsWith(prefix) && f.endsWith(TEMP_SUFFIX);
            })) {
      for (Path tmp : tmps) {
        Matcher m = TEMP_PID.matcher(tmp.getFileName().toString().substring(prefix.length()));
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          Files.deleteIfExists(tmp);
          LOG.info("removed {}, left by an interrupted write", tmp);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot clean stale temporaries of {} in {}: {}", name, dir, e.toString());
    }
  }

  /**
   * {@code e} as a failure to write {@code target}, naming the target, the cause and what is left
   * there.
   */
  static IOException failure(Path target, IOException e) {
    return new IOException(
        "cannot write "
            + target
            + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
            + (Files.exists(target) ? " (the existing file is unchanged)" : " (nothing written)"),
        e);
  }

  /** Deletes a file, or a folder with everything below it; does nothing when it does not exist. */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** Renames {@code from} to {@code to} in one step, replacing {@code to}. */
  static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(to + ": the file system cannot rename atomically", e);
    }
  }
}
