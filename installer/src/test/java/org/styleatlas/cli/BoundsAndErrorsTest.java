package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #19.6 and #19.7: sizes are bounded before any work starts, a clip is not enlarged unless asked,
 * and user and environment mistakes end in one line naming the problem (exit 2 bad input, 1
 * environment), the Java trace only with --verbose.
 */
class BoundsAndErrorsTest {
  @TempDir static Path dir;

  private final CapturedCli cli = new CapturedCli();

  @BeforeAll
  static void writeClip() throws IOException {
    GeneratedClipFiles.write(dir, 64, 36, 3);
  }

  private static void assertOneLine(String err) {
    assertFalse(err.contains("\tat ") || err.contains("Exception:"), "no Java trace:\n" + err);
    assertEquals(1, err.strip().lines().filter(l -> l.startsWith("error: ")).count(), err);
  }

  @Test
  void anEnormousWorkingSizeIsBadInputInOneLine() {
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run(
            "decompose",
            dir.resolve("frames").toString(),
            "--size",
            "99999999",
            "--cache",
            dir.resolve("cache").toString(),
            "--out",
            dir.resolve("o1").toString()));
    assertTrue(cli.err().contains("--size") && cli.err().contains("2048"), cli.err());
    assertOneLine(cli.err());
  }

  @Test
  void anEnormousRenderSizeIsBadInputBeforeAnyWork() {
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run("render", "--size", "16384x16384", "--out", dir.resolve("r1").toString()));
    assertTrue(cli.err().contains("--size") && cli.err().contains("megapixels"), cli.err());
    assertOneLine(cli.err());
  }

  /**
   * An output below a regular file (not a folder) cannot be created: the environment, exit 1, one
   * line.
   */
  @Test
  void anUnwritableOutputIsOneLineExit1AndTheTraceOnlyWithVerbose() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    String[] args = {"render", "--out", file.resolve("y.mp4").toString()};
    assertEquals(ExitCodes.FAILED, cli.run(args));
    assertTrue(cli.err().contains(file.toString()), cli.err());
    assertOneLine(cli.err());
    CapturedCli verbose = new CapturedCli();
    assertEquals(
        ExitCodes.FAILED,
        verbose.run("render", "--verbose", "--out", file.resolve("y.mp4").toString()));
    assertTrue(verbose.err().contains("\tat "), "the trace with --verbose:\n" + verbose.err());
  }

  /**
   * #19.8: a 10,000-character prompt is not accepted silently: CLIP reads 75 tokens, and stylize
   * says so.
   */
  @Test
  void aVeryLongPromptIsWarnedAbout() {
    String prompt = "gold ".repeat(2000);
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run(
            "stylize",
            "--prompt",
            prompt,
            "--style-image",
            dir.resolve("missing.png").toString(),
            "--out",
            dir.resolve("st").toString()));
    assertTrue(
        cli.err().contains("warning: --prompt has 2000 tokens; CLIP reads only the first 75"),
        cli.err());
  }
}
