package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.testing.SharedData;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.OutputFormat;
import picocli.CommandLine;

/** {@code styleatlas probe}: its report on real and written clips, and its one-line errors. */
class ProbeCommandTest {

  @TempDir Path dir;

  /** Exit code, stdout and stderr of one CLI run. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = StyleAtlasCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void blackswanHasFiftyFramesAndAMatchingMatte() {
    Path masks = SharedData.masks("blackswan");
    Run r = run("probe", SharedData.frames("blackswan").toString(), "--matte", masks.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("frames:   50\n"), r.out());
    assertTrue(r.out().contains("size:     854x480\n"), r.out());
    assertTrue(
        r.out().contains("matte:    " + masks + ", matches (50 frames at 854x480)"), r.out());
  }

  @Test
  void videoReportsTheContainersFrameRateAndDuration() throws Exception {
    Path video = dir.resolve("clip.mov");
    List<Frame> frames =
        List.of(Frame.blank(32, 16, 4), Frame.blank(32, 16, 4), Frame.blank(32, 16, 4));
    ClipWriter.write(frames, 25, video, OutputFormat.PRORES_4444_MOV);
    Run r = run("probe", video.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("frames:   3\n"), r.out());
    assertTrue(r.out().contains("size:     32x16\n"), r.out());
    assertTrue(r.out().contains("channels: RGBA\n"), r.out());
    assertTrue(r.out().contains("fps:      25.000\n"), r.out());
    assertTrue(r.out().contains("duration: 0.120 s\n"), r.out());
    assertTrue(r.out().contains("matte:    the source's alpha channel\n"), r.out());
  }

  @Test
  void embeddedDemoClipNeedsNoInput() {
    Run r = run("probe");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("source:   embedded demo clip\n"), r.out());
    assertTrue(r.out().contains("matte:    exact, from the generator"), r.out());
  }

  @Test
  void missingInputIsOneErrorLine() {
    Path missing = dir.resolve("nothing.mp4");
    Run r = run("probe", missing.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertEquals("error: " + missing + ": no such file or folder\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void matteOfTheWrongLengthIsOneErrorLine() throws Exception {
    Path masks = Files.createDirectories(dir.resolve("masks"));
    Files.copy(SharedData.masks("blackswan").resolve("00000.png"), masks.resolve("00000.png"));
    Path frames = SharedData.frames("blackswan");
    Run r = run("probe", frames.toString(), "--matte", masks.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertEquals(
        "error: " + masks + ": matte has 1 frames but the clip " + frames + " has 50\n", r.err());
  }

  @Test
  void unreadableVideoIsOneErrorLine() throws Exception {
    Path video = dir.resolve("broken.mp4");
    Files.writeString(video, "not a video");
    Run r = run("probe", video.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertTrue(r.err().startsWith("error: " + video + ": not a readable video"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
