package org.styleatlas.engine.video;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Output files written by native code (FFmpeg), which needs a file name rather than a stream: the writer
 * fills a temporary file beside the target, which is then renamed over the target in one step.
 */
final class AtomicOutput {

  /** Fills the given temporary file. */
  @FunctionalInterface
  interface Writer {
    void writeTo(Path tmp) throws IOException;
  }

  private AtomicOutput() {}

  static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    try {
      writer.writeTo(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
