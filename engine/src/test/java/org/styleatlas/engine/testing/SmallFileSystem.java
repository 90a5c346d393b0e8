package org.styleatlas.engine.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for a fault test (we run as root in CI; elsewhere the test is skipped with
 * a message): write into it, {@link #fill} it to a few kilobytes of free space, and see what
 * survives.
 */
public final class SmallFileSystem implements AutoCloseable {
  private final Path mountPoint;

  private SmallFileSystem(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /**
   * Mounts a tmpfs of {@code megabytes} at a new folder under {@code parent}; aborts the calling
   * test (a skip, with the reason) when this environment does not permit mounting.
   */
  public static SmallFileSystem mount(Path parent, int megabytes)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(parent.resolve("small-fs"));
    Run r =
        run(
            List.of(
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "size=" + megabytes + "m,mode=0700",
                "tmpfs",
                dir.toString()));
    Assumptions.assumeTrue(
        r.exit == 0, "skipped: cannot mount a small tmpfs here (needs root): " + r.output.trim());
    return new SmallFileSystem(dir);
  }

  public Path root() {
    return mountPoint;
  }

  /** Fills the file system with a filler file until at most {@code leaveBytes} are free. */
  public void fill(long leaveBytes) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out =
        Files.newOutputStream(
            mountPoint.resolve("filler"),
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND)) {
      while (Files.getFileStore(mountPoint).getUsableSpace() > leaveBytes + block.length) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // Full already: that is what was asked for.
    }
  }

  /** Free bytes now. */
  public long free() throws IOException {
    return Files.getFileStore(mountPoint).getUsableSpace();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(List.of("umount", "-l", mountPoint.toString()));
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Run(127, e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(124, command + " timed out");
    }
    return new Run(p.exitValue(), out);
  }
}
