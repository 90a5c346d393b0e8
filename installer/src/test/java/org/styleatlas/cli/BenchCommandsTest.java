package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks through the studio's bench API on a small generated clip laid out as a DAVIS clip
 * ({@code <data>/<clip>/frames}, {@code masks}): each prints its figures and exits 0.
 */
class BenchCommandsTest {
  @TempDir static Path dir;

  @BeforeAll
  static void writeClip() throws Exception {
    GeneratedClipFiles.write(dir.resolve("data").resolve("gen"), 64, 48, 6);
  }

  /** {@code bench <name>} on the generated clip at 64 px, 20 cached decomposition steps. */
  private static String[] onClip(String name, String... rest) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                name,
                "--data",
                dir.resolve("data").toString(),
                "--clip",
                "gen",
                "--size",
                "64",
                "--decompose-iterations",
                "20",
                "--cache",
                dir.resolve("cache").toString()));
    args.addAll(List.of(rest));
    return args.toArray(String[]::new);
  }

  @Test
  void benchRenderPrintsFirstAndSecondRenderAndTheCheck() {
    CapturedCli cli = new CapturedCli();
    String[] args = onClip("render", "--render-size", "96x72", "--check-frames", "2");
    assertEquals(ExitCodes.OK, cli.run(args), cli.err());
    String out = cli.out();
    assertTrue(out.startsWith("gen: 6 frames at 64x48, fast decomposition of 20 iterations"), out);
    assertTrue(
        Pattern.compile("first render at 96x72, 6 frames .*: \\d+\\.\\d s").matcher(out).find(),
        out);
    assertTrue(
        Pattern.compile("second render from the stored maps .*= \\d+\\.\\d fps")
            .matcher(out)
            .find(),
        out);
    assertTrue(
        Pattern.compile("composite, 2 frames: \\d+ of 13824 pixels").matcher(out).find(), out);
  }

  @Test
  void benchStylizeRendersTheSameClipFromTheCache() {
    CapturedCli cli = new CapturedCli();
    String[] args =
        onClip(
            "stylize",
            "--render-size",
            "96x72",
            "--render-frames",
            "3",
            "--render-runs",
            "2",
            "--render-threads",
            "1");
    assertEquals(ExitCodes.OK, cli.run(args), cli.err());
    assertTrue(
        Pattern.compile(
                "render 96x72 composite, 1 thread\\(s\\): [\\d.]+ \\(min [\\d.]+, max [\\d.]+\\) fps"
                    + " over 2 runs of 3 frames")
            .matcher(cli.out())
            .find(),
        cli.out());
  }

  @Test
  void benchDecomposePrintsPsnrAgainstTimeAndTheSummary() {
    CapturedCli cli = new CapturedCli();
    String[] args = {
      "bench",
      "decompose",
      "--data",
      dir.resolve("data").toString(),
      "--clips",
      "gen",
      "--size",
      "64",
      "--budget",
      "1",
      "--every",
      "0.5",
      "--clock",
      "WALL"
    };
    assertEquals(ExitCodes.OK, cli.run(args), cli.err());
    String out = cli.out();
    assertTrue(out.startsWith("budget 1 s of WALL training time per run"), out);
    assertTrue(
        Pattern.compile("(?m)^gen +fast:preset +[\\d.]+ +[\\d.]+ +\\d+ +[\\d.]+$")
            .matcher(out)
            .find(),
        out);
    assertTrue(out.contains("summary (PSNR over all frames"), out);
    assertTrue(
        Pattern.compile("(?m)^gen +fast:preset +\\d+\\.\\d\\d +\\d+\\.\\d\\d\\( *\\d+\\) ")
            .matcher(out.substring(out.indexOf("summary")))
            .find(),
        out);
  }

  @Test
  void threadCpuClockNeedsOneThread() {
    CapturedCli cli = new CapturedCli();
    int code =
        cli.run("bench", "decompose", "--clips", "gen", "--threads", "2", "--clock", "THREAD_CPU");
    assertEquals(ExitCodes.BAD_INPUT, code, cli.err());
    assertTrue(
        cli.err().contains("--clock THREAD_CPU measures the training thread only"), cli.err());
  }
}
