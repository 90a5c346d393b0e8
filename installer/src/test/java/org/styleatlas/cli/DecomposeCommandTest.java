package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.decomposition.DecompositionExport;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.OutputFormat;

/**
 * {@code styleatlas decompose} on a generated 64x36, 6-frame clip written as PNG frames and masks.
 * The clip and the cache are shared: the first successful run trains (~25 s here), the second loads
 * it.
 */
class DecomposeCommandTest {
  private static final int FRAMES = 6;

  @TempDir static Path dir;

  private final CapturedCli cli = new CapturedCli();

  /**
   * Writes the generated clip as {@code frames/} and {@code masks/} PNG folders under {@link #dir}.
   */
  @BeforeAll
  static void writeClip() throws IOException {
    GeneratedClipFiles.write(dir, 64, 36, FRAMES);
  }

  private String[] decompose(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "decompose",
                dir.resolve("frames").toString(),
                "--matte",
                dir.resolve("masks").toString(),
                "--size",
                "64",
                "--iterations",
                "3",
                "--seed",
                "5",
                "--cache",
                dir.resolve("cache").toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void writesVideosAtlasesReportAndPlot() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(ExitCodes.OK, cli.run(decompose("--out", out.toString())), cli.err());
    assertTrue(cli.out().contains("over 6 frames, 3 iterations"), cli.out());

    Clip recon =
        ClipReader.read(new ClipRequest(out.resolve("reconstruction.mp4"), Optional.empty(), 64));
    assertEquals(FRAMES, recon.frameCount());
    assertEquals(64, recon.width());
    assertEquals(36, recon.height());
    Clip side =
        ClipReader.read(ClipRequest.nativeSize(out.resolve("side-by-side.mp4"), Optional.empty()));
    assertEquals(FRAMES, side.frameCount());
    assertEquals(3 * 64, side.width(), "original | reconstruction | alpha");
    assertEquals(36, side.height());

    for (String atlas :
        List.of("atlas-foreground.png", "atlas-background.png", DecompositionExport.LOSS_PLOT)) {
      assertTrue(ImageIO.read(out.resolve(atlas).toFile()).getWidth() > 0, atlas);
    }
    JsonNode report = new ObjectMapper().readTree(out.resolve(DecompositionExport.REPORT).toFile());
    assertEquals(FRAMES, report.get("psnr").size());
    double mean = 0;
    for (JsonNode p : report.get("psnr")) {
      mean += p.asDouble() / FRAMES;
    }
    assertEquals(mean, report.get("meanPsnr").asDouble(), 1e-9);
    assertTrue(report.get("lossCurve").size() >= 1, report.toString());
    assertTrue(report.get("trainSeconds").asDouble() > 0, report.toString());
  }

  /** #19.6: a --size above the clip's own is not an enlargement unless --allow-upscale. */
  @Test
  void aSmallClipIsNotEnlargedToTheWorkingSize() throws Exception {
    String[] args = decompose("--out", dir.resolve("clamped").toString());
    args[args.length - 9] = "128"; // the --size value
    assertEquals("--size", args[args.length - 10]);
    assertEquals(ExitCodes.OK, cli.run(args), cli.err());
    Clip recon =
        ClipReader.read(
            ClipRequest.nativeSize(
                dir.resolve("clamped").resolve("reconstruction.mp4"), Optional.empty()));
    assertEquals(64, recon.width(), "worked at the clip's own 64x36, not 128x72");
    assertEquals(36, recon.height());
  }

  @Test
  void pngFormatWritesSequences() throws Exception {
    Path out = dir.resolve("png");
    assertEquals(
        ExitCodes.OK, cli.run(decompose("--format", "png", "--out", out.toString())), cli.err());
    try (var files = Files.list(out.resolve(DecompositionExport.RECONSTRUCTION))) {
      assertEquals(FRAMES, files.count());
    }
    try (var files = Files.list(out.resolve(DecompositionExport.SIDE_BY_SIDE))) {
      assertEquals(FRAMES, files.count());
    }
  }

  @Test
  void anUnknownModeOrFormatIsBadInput() throws Exception {
    assertEquals(ExitCodes.BAD_INPUT, cli.run(decompose("--mode", "turbo")));
    assertTrue(cli.err().contains("turbo"), cli.err());
    assertEquals(ExitCodes.BAD_INPUT, cli.run(decompose("--format", "gif")));
    assertTrue(cli.err().contains("--format") && cli.err().contains("gif"), cli.err());
  }

  @Test
  void aMatteOfAnotherSizeIsBadInput() throws Exception {
    Path small = dir.resolve("small-masks");
    Files.createDirectories(small);
    List<Frame> masks = new ArrayList<>();
    for (int t = 0; t < FRAMES; t++) {
      masks.add(Frame.blank(32, 18, 3));
    }
    ClipWriter.write(masks, 24, small, OutputFormat.PNG_SEQUENCE);
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run(
            "decompose",
            dir.resolve("frames").toString(),
            "--matte",
            small.toString(),
            "--size",
            "64",
            "--cache",
            dir.resolve("cache").toString()));
    assertTrue(
        cli.err().contains("small-masks") && cli.err().contains("matte is 32x18"), cli.err());
  }

  @Test
  void noFramesIsBadInputNamingTheFolder() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-frames"));
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run("decompose", empty.toString(), "--cache", dir.resolve("cache").toString()));
    assertTrue(cli.err().contains("no-frames"), cli.err());
  }

  @Test
  void nanPixelsAreBadInputNamingTheFile() throws Exception {
    Frame f = Frame.blank(32, 18, 3);
    f.pixels()[(3 * 32 + 7) * 3] = Float.NaN;
    Path exr = dir.resolve("nan-exr");
    ClipWriter.write(List.of(Frame.blank(32, 18, 3), f), 24, exr, OutputFormat.EXR_SEQUENCE);
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run(
            "decompose",
            exr.toString(),
            "--size",
            "32",
            "--cache",
            dir.resolve("cache").toString()));
    assertTrue(cli.err().contains("00001.exr") && cli.err().contains("(7, 3)"), cli.err());
  }
}
