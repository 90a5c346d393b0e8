package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Matte;

/** {@code styleatlas matte}: the box matte of a generated clip, as PNGs at the source's size. */
class MatteCommandTest {
  private static final int W = 160;
  private static final int H = 90;
  private static final int FRAMES = 16;

  @TempDir static Path dir;

  private final CapturedCli cli = new CapturedCli();

  @BeforeAll
  static void writeClip() throws IOException {
    GeneratedClipFiles.write(dir, W, H, FRAMES);
  }

  @Test
  void writesOneMattePerFrameThatCoversTheObject() throws IOException {
    Clip truth =
        ClipReader.read(
            new ClipRequest(dir.resolve("frames"), Optional.of(dir.resolve("masks")), 0));
    String box = box(truth.matte(0));
    Path out = dir.resolve("mattes");
    assertEquals(
        ExitCodes.OK,
        cli.run(
            "matte",
            dir.resolve("frames").toString(),
            "--box",
            box,
            "--long-edge",
            "0",
            "--out",
            out.toString()),
        cli.err());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(FRAMES, files.filter(f -> f.toString().endsWith(".png")).count());
    }
    assertTrue(cli.out().contains(FRAMES + " mattes of " + W + "x" + H), cli.out());
    Clip found = ClipReader.read(new ClipRequest(dir.resolve("frames"), Optional.of(out), 0));
    double worst = 1;
    StringBuilder all = new StringBuilder();
    for (int t = 0; t < FRAMES; t++) {
      double iou = iou(found.matte(t), truth.matte(t));
      worst = Math.min(worst, iou);
      all.append(String.format(" %.2f", iou));
    }
    // measured 0.97-0.98 on every frame
    assertTrue(worst > 0.9, "IoU with the generated matte per frame:" + all);
  }

  @Test
  void aBoxOutsideTheFramesIsBadInputNamingTheOption() {
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run(
            "matte",
            dir.resolve("frames").toString(),
            "--box",
            "10,10,500,40",
            "--out",
            dir.resolve("bad").toString()));
    assertTrue(cli.err().contains("--box") && cli.err().contains(W + "x" + H), cli.err());
  }

  /** The matte's bounding box grown by 2 px, in pixels, as {@code --box} takes it. */
  private static String box(Matte m) {
    int x0 = W;
    int y0 = H;
    int x1 = 0;
    int y1 = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        if (m.get(x, y) > 0.5f) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x + 1);
          y1 = Math.max(y1, y + 1);
        }
      }
    }
    return Math.max(0, x0 - 2)
        + ","
        + Math.max(0, y0 - 2)
        + ","
        + Math.min(W, x1 + 2)
        + ","
        + Math.min(H, y1 + 2);
  }

  private static double iou(Matte a, Matte b) {
    int inter = 0;
    int union = 0;
    for (int i = 0; i < a.values().length; i++) {
      boolean p = a.values()[i] > 0.5f;
      boolean q = b.values()[i] > 0.5f;
      inter += p && q ? 1 : 0;
      union += p || q ? 1 : 0;
    }
    return inter / (double) Math.max(1, union);
  }
}
