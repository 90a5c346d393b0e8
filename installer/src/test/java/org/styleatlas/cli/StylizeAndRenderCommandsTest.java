package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;

/**
 * {@code styleatlas stylize} and {@code render} on the embedded demo clip with the committed
 * fixture CLIP.
 */
class StylizeAndRenderCommandsTest {
  private static final Path FIXTURE =
      Path.of(
          "..",
          "engine",
          "src",
          "test",
          "resources",
          "org",
          "styleatlas",
          "engine",
          "clipmodel",
          "clip-fixture-openai.pt");

  @TempDir Path dir;

  private final CapturedCli cli = new CapturedCli();

  private String[] stylize(String prompt, String outName) {
    return stylize(prompt, outName, 2);
  }

  private String[] stylize(String prompt, String outName, int iterations) {
    return new String[] {
      "stylize",
      "--prompt",
      prompt,
      "--clip-model",
      FIXTURE.toString(),
      "--preset",
      "draft",
      "--iterations",
      String.valueOf(iterations),
      "--views",
      "1,1",
      "--view-size",
      "24",
      "--no-loss",
      "temporal",
      "--cache",
      dir.resolve("cache").toString(),
      "--out",
      dir.resolve(outName).toString()
    };
  }

  @Test
  void stylizesToAnMp4WritesReportAndPlotThenHitsTheCache() throws Exception {
    assertEquals(ExitCodes.OK, cli.run(stylize("a swan made of gold", "gold.mp4")), cli.err());
    Clip video = ClipReader.read(ClipRequest.nativeSize(dir.resolve("gold.mp4"), Optional.empty()));
    assertEquals(48, video.frameCount(), "every frame of the demo clip");
    assertEquals(256, video.width());
    assertEquals(144, video.height());
    assertEquals(24.0, video.fps(), 1e-6, "the clip's frame rate");
    BufferedImage plot = ImageIO.read(dir.resolve("gold-losses.png").toFile());
    assertTrue(plot.getWidth() > 100 && plot.getHeight() > 50, "a loss plot beside the video");
    JsonNode report = new ObjectMapper().readTree(dir.resolve("gold.json").toFile());
    assertEquals(2, report.get("history").size(), "loss terms of every iteration");
    assertEquals(1, report.get("history").get(1).get("iteration").asInt());
    assertEquals(0.0, report.get("history").get(1).get("temporal").asDouble(), "switched off");
    assertTrue(report.get("history").get(1).get("global").asDouble() > 0);
    assertTrue(report.get("history").get(1).get("local").asDouble() > 0);
    assertTrue(
        report.get("stylizeSeconds").asDouble() > 0 && report.get("renderSeconds").asDouble() > 0,
        "timings");
    assertTrue(report.get("iterationsPerSecond").asDouble() > 0);
    assertEquals(false, report.get("cached").asBoolean());

    assertEquals(ExitCodes.OK, cli.run(stylize("a swan made of gold", "again")), cli.err());
    try (Stream<Path> frames = Files.list(dir.resolve("again"))) {
      assertEquals(48, frames.count(), "a path without extension is a PNG folder");
    }
    JsonNode again = new ObjectMapper().readTree(dir.resolve("again.json").toFile());
    assertEquals(true, again.get("cached").asBoolean(), "same prompt and settings: cached");
    assertEquals(report.get("history"), again.get("history"));
  }

  @Test
  void exportsPaintsAndRendersAnAtlasAtAnotherSize() throws Exception {
    Path atlas = dir.resolve("fg.png");
    assertEquals(
        ExitCodes.OK,
        cli.run("render", "--export-atlas", atlas.toString(), "--cache", dir.toString()),
        cli.err());
    assertTrue(Files.isRegularFile(atlas));
    assertEquals(
        ExitCodes.OK,
        cli.run(
            "render",
            "--atlas",
            atlas.toString(),
            "--size",
            "320x180",
            "--output-mode",
            "foreground-layer",
            "--out",
            dir.resolve("layer").toString(),
            "--cache",
            dir.toString()),
        cli.err());
    assertTrue(cli.out().contains("at 320x180 (foreground-layer)"), cli.out());
    assertEquals(
        ExitCodes.BAD_INPUT, cli.run("render", "--size", "big", "--cache", dir.toString()));
    assertTrue(cli.err().contains("--size"), cli.err());
    assertEquals(
        ExitCodes.OK,
        cli.run(
            "render",
            "--detail",
            "1",
            "--out",
            dir.resolve("detail").toString(),
            "--cache",
            dir.toString()),
        cli.err());
    assertEquals(
        ExitCodes.BAD_INPUT, cli.run("render", "--detail", "1.5", "--cache", dir.toString()));
    assertTrue(cli.err().contains("--detail"), cli.err());
  }

  @Test
  void writesOddSizesToH264CroppedAndTheForegroundLayerToProResWithAlpha() throws Exception {
    assertEquals(
        ExitCodes.OK,
        cli.run(
            "render",
            "--size",
            "81x45",
            "--out",
            dir.resolve("odd.mp4").toString(),
            "--cache",
            dir.toString()),
        cli.err());
    Clip odd = ClipReader.read(ClipRequest.nativeSize(dir.resolve("odd.mp4"), Optional.empty()));
    assertEquals(48, odd.frameCount());
    assertEquals(80, odd.width(), "cropped to an even width for H.264");
    assertEquals(44, odd.height());

    assertEquals(
        ExitCodes.OK,
        cli.run(
            "render",
            "--size",
            "64x36",
            "--output-mode",
            "foreground-layer",
            "--out",
            dir.resolve("layer.mov").toString(),
            "--cache",
            dir.toString()),
        cli.err());
    Clip layer =
        ClipReader.read(ClipRequest.nativeSize(dir.resolve("layer.mov"), Optional.empty()));
    assertEquals(48, layer.frameCount());
    assertTrue(layer.frame(0).hasAlpha(), "ProRes 4444 keeps the layer's alpha");
    float[] alpha = layer.frame(10).alpha().values();
    double max = 0;
    double min = 1;
    for (float a : alpha) {
      max = Math.max(max, a);
      min = Math.min(min, a);
    }
    assertTrue(
        max > 0.9 && min < 0.05,
        "alpha is the object's matte, opaque on it and clear elsewhere: " + min + ".." + max);
  }

  @Test
  void aMissingClipModelSaysHowToInstallOne() {
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run(
            "stylize",
            "--prompt",
            "gold",
            "--clip-model",
            "ViT-B-32",
            "--models-dir",
            dir.resolve("models").toString(),
            "--cache",
            dir.toString()));
    assertTrue(cli.err().contains("styleatlas models fetch ViT-B-32"), cli.err());
  }
}
