package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole harness once more, in a forked JVM, against the shim built with -fsanitize=address and
 * libasan preloaded. ASan's SEGV handling is left to the JVM (it uses SIGSEGV itself), and leak
 * detection is off (the JVM's own allocations at exit are not the shim's); every memory error in
 * the shim aborts the run and leaves a report in the log folder.
 */
class AsanTest {
  private static final String ASAN_BUNDLE = "styleatlas.ofx.bundle.asan";
  private static final String ASAN_OPTIONS =
      "detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:"
          + "handle_sigill=0:allow_user_segv_handler=1:use_sigaltstack=0:detect_stack_use_after_return=0:"
          + "halt_on_error=1:abort_on_error=0:exitcode=86";

  private static Path libasan() throws Exception {
    Process p =
        new ProcessBuilder("gcc", "-print-file-name=libasan.so").redirectErrorStream(true).start();
    String path = new String(p.getInputStream().readAllBytes()).trim();
    assertTrue(
        p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "gcc -print-file-name failed");
    return Path.of(path).toRealPath();
  }

  @Test
  void harnessPassesUnderAddressSanitizer() throws Exception {
    Path bundle = Path.of(System.getProperty(ASAN_BUNDLE, "target/asan/StyleAtlas.ofx.bundle"));
    assertTrue(
        Files.isRegularFile(bundle.resolve("Contents/Linux-x86-64/StyleAtlas.ofx")),
        "ASan bundle built");
    Path logs = Files.createTempDirectory("sa-asan");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xss4m",
            "-cp",
            System.getProperty("java.class.path"),
            "-D" + Fixture.BUNDLE_PROPERTY + "=" + bundle.toAbsolutePath(),
            AsanMain.class.getName());
    pb.environment().put("LD_PRELOAD", libasan().toString());
    pb.environment().put("ASAN_OPTIONS", ASAN_OPTIONS + ":log_path=" + logs.resolve("asan"));
    pb.redirectErrorStream(true).redirectOutput(logs.resolve("run.log").toFile());
    Process run = pb.start();
    boolean done = run.waitFor(150, TimeUnit.SECONDS);
    if (!done) run.destroyForcibly();
    String log = Files.readString(logs.resolve("run.log"));
    String reports;
    try (Stream<Path> files = Files.list(logs)) {
      List<File> asan =
          files
              .filter(p -> p.getFileName().toString().startsWith("asan"))
              .map(Path::toFile)
              .toList();
      StringBuilder b = new StringBuilder();
      for (File f : asan) b.append(Files.readString(f.toPath()));
      reports = b.toString();
    }
    assertTrue(done, "ASan run did not finish in 150 s:\n" + log);
    assertEquals("", reports, "AddressSanitizer reports");
    assertEquals(0, run.exitValue(), "ASan run failed:\n" + log);
    assertTrue(log.contains("ASan run:"), log);
    try (Stream<Path> files = Files.list(logs)) {
      files.forEach(p -> p.toFile().delete());
    }
    Files.delete(logs);
  }
}
