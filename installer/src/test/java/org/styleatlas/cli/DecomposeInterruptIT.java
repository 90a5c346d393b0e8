package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupting {@code styleatlas decompose} (SIGTERM, as Ctrl-C's SIGINT takes the same path
 * through the JVM's shutdown hooks) on the assembled runtime: the command stops between two steps,
 * keeps a checkpoint and says so, and the JVM exits with the signal's status (143; 130 for Ctrl-C);
 * running the same command again resumes from that checkpoint.
 */
class DecomposeInterruptIT {
  private static final Duration START_LIMIT = Duration.ofSeconds(180);

  /**
   * The progress bar of the main training loop (task "decompose"; flow and pre-training come
   * before).
   */
  private static final String TRAINING = "\rdecompose ";

  private static final Pattern RESUMED =
      Pattern.compile("resuming from checkpoint .* at iteration (\\d+)");

  @TempDir static Path dir;

  @BeforeAll
  static void writeClip() throws IOException {
    GeneratedClipFiles.write(dir, 64, 36, 6);
  }

  @Test
  void anInterruptedRunKeepsItsCheckpointAndTheSameCommandResumes() throws Exception {
    Run first = Run.start(command(), dir.resolve("first.log"));
    first.awaitOutput(TRAINING);
    Thread.sleep(3000); // a few dozen steps past the first checkpoint
    first.process.destroy();
    assertTrue(
        first.process.waitFor(90, TimeUnit.SECONDS), "stops within the grace:\n" + first.output());
    assertEquals(
        128 + 15,
        first.process.exitValue(),
        "the JVM exits with SIGTERM's status:\n" + first.output());
    assertTrue(
        first.output().contains("interrupted: decomposition of frames cancelled at iteration"),
        first.output());
    Path checkpoint;
    try (Stream<Path> files =
        Files.find(
            dir.resolve("cache/work"),
            2,
            (p, a) -> p.getFileName().toString().equals("checkpoint.bin"))) {
      checkpoint =
          files.findFirst().orElseThrow(() -> new AssertionError("no checkpoint was kept"));
    }
    assertTrue(first.output().contains("resumes from " + checkpoint), first.output());

    Run second = Run.start(command(), dir.resolve("second.log"));
    String resumed = second.awaitOutput(RESUMED.pattern());
    second.process.destroy();
    assertTrue(second.process.waitFor(90, TimeUnit.SECONDS), second.output());
    Matcher m = RESUMED.matcher(resumed);
    assertTrue(m.find(), resumed);
    assertTrue(Integer.parseInt(m.group(1)) > 0, "resumes past iteration 0: " + m.group());
  }

  private static List<String> command() {
    Path dist = Path.of(System.getProperty("styleatlas.dist", "target/styleatlas"));
    return List.of(
        dist.resolve("bin/styleatlas").toString(),
        "decompose",
        dir.resolve("frames").toString(),
        "--matte",
        dir.resolve("masks").toString(),
        "--size",
        "64",
        "--iterations",
        "100000",
        "--cache",
        dir.resolve("cache").toString(),
        "--out",
        dir.resolve("out").toString());
  }

  /** A child process whose merged stdout and stderr go to a file, read as it runs. */
  record Run(Process process, Path log) {
    static Run start(List<String> command, Path log) throws IOException {
      ProcessBuilder b =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      b.environment().put("STYLEATLAS_LOG_LEVEL", "INFO");
      b.environment().put("STYLEATLAS_JAVA_OPTS", "-Xmx1g");
      Process p = b.start();
      p.getOutputStream().close();
      return new Run(p, log);
    }

    /** Waits until the output matches {@code regex}; returns the output then. */
    String awaitOutput(String regex) throws InterruptedException {
      Pattern p = Pattern.compile(regex);
      long end = System.nanoTime() + START_LIMIT.toNanos();
      while (System.nanoTime() < end) {
        String now = output();
        if (p.matcher(now).find()) {
          return now;
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(200);
      }
      process.destroyForcibly();
      throw new AssertionError("never printed /" + regex + "/:\n" + output());
    }

    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
