package org.styleatlas.ofx.stub;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * An engine launcher that behaves like a slow-starting host, in its own process: it records its
 * start (a line appended to a file), then takes the host's lock beside the socket ({@code
 * <socket>.lock}, as {@code styleatlas serve} does) and holds it for a while without listening;
 * when the lock is taken it says that a host already runs and exits 0, as {@code serve} does. The
 * test listens on the socket itself.
 *
 * <p>Arguments: socket path, start-record file, seconds to hold the lock.
 */
public final class FakeHostLauncher {
  private FakeHostLauncher() {}

  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    Files.writeString(
        Path.of(args[1]),
        "started\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
    try (FileChannel ch =
            FileChannel.open(
                lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        FileLock lock = ch.tryLock()) {
      if (lock == null) {
        System.out.println("A StyleAtlas host already runs on " + socket + ".");
        return;
      }
      Thread.sleep(Long.parseLong(args[2]) * 1000);
    }
  }
}
