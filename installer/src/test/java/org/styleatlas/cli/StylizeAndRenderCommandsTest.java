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

/** {@code styleatlas stylize} and {@code render} on the embedded demo clip with the committed fixture CLIP. */
class StylizeAndRenderCommandsTest {
  private static final Path FIXTURE = Path.of("..", "engine", "src", "test", "resources", "org", "styleatlas",
      "engine", "clipmodel", "clip-fixture-openai.pt");

  /** Enough fine-tuning for the fixture CLIP's two prompts to give visibly different looks. */
  private static final int MORPH_ITERATIONS = 12;

  @TempDir Path dir;

  private final CapturedCli cli = new CapturedCli();

  private String[] stylize(String prompt, String outName) {
    return stylize(prompt, outName, 2);
  }

  private String[] stylize(String prompt, String outName, int iterations) {
    return new String[] {"stylize", "--prompt", prompt, "--clip-model", FIXTURE.toString(), "--preset", "draft",
        "--iterations", String.valueOf(iterations), "--views", "1,1", "--view-size", "24", "--no-loss", "temporal",
        "--cache", dir.resolve("cache").toString(), "--out", dir.resolve(outName).toString()};
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
    assertTrue(report.get("stylizeSeconds").asDouble() > 0 && report.get("renderSeconds").asDouble() > 0, "timings");
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
  void promptsOverTimeMorphFromOneCachedLookToTheNext() throws Exception {
    Path keys = dir.resolve("keys.json");
    Files.writeString(keys, "{\"keys\":[{\"frame\":0,\"prompt\":\"a swan made of gold\"},"
        + "{\"frame\":16,\"prompt\":\"a swan made of ice\",\"transition\":16}]}");
    String[] morph = stylize("unused", "morph", MORPH_ITERATIONS);
    morph[1] = "--prompts";
    morph[2] = keys.toString();
    assertEquals(ExitCodes.OK, cli.run(morph), cli.err());
    assertTrue(cli.out().contains("2 prompts"), cli.out());
    assertTrue(Files.isRegularFile(dir.resolve("morph-prompt1.json")) && Files.isRegularFile(dir.resolve("morph-prompt2.json")));
    assertEquals(ExitCodes.OK, cli.run(stylize("a swan made of gold", "gold", MORPH_ITERATIONS)), cli.err());
    assertEquals(ExitCodes.OK, cli.run(stylize("a swan made of ice", "ice", MORPH_ITERATIONS)), cli.err());
    assertTrue(new ObjectMapper().readTree(dir.resolve("ice.json").toFile()).get("cached").asBoolean(),
        "--prompts trained and cached every prompt");
    assertEquals(0, maxDifference(frame("morph", 10), frame("gold", 10), 0), "before the key: the first look");
    assertEquals(0, maxDifference(frame("morph", 40), frame("ice", 40), 0), "after the transition: the second look");
    BufferedImage mid = frame("morph", 24);
    BufferedImage gold = frame("gold", 24);
    BufferedImage ice = frame("ice", 24);
    assertTrue(maxDifference(gold, ice, 0) > 4, "the two prompts give different looks");
    assertTrue(maxDifference(mid, gold, 0.5, ice) <= 1, "halfway through the transition: the mean of the looks");
    assertEquals(ExitCodes.BAD_INPUT, cli.run("stylize", "--prompt", "x", "--prompts", keys.toString()));
    assertTrue(cli.err().contains("--prompts"), cli.err());
  }

  private BufferedImage frame(String folder, int t) throws java.io.IOException {
    return ImageIO.read(dir.resolve(folder).resolve(String.format("%05d.png", t)).toFile());
  }

  private static int maxDifference(BufferedImage a, BufferedImage b, int unused) {
    return maxDifference(a, b, 0, b);
  }

  /** The largest channel difference between {@code a} and {@code (1 − s)·b + s·c}, in 8-bit levels. */
  private static int maxDifference(BufferedImage a, BufferedImage b, double s, BufferedImage c) {
    int max = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        for (int shift = 0; shift <= 16; shift += 8) {
          int va = a.getRGB(x, y) >> shift & 0xff;
          double blend = (1 - s) * (b.getRGB(x, y) >> shift & 0xff) + s * (c.getRGB(x, y) >> shift & 0xff);
          max = Math.max(max, (int) Math.ceil(Math.abs(va - blend) - 1e-9));
        }
      }
    }
    return max;
  }

  @Test
  void exportsPaintsAndRendersAnAtlasAtAnotherSize() throws Exception {
    Path atlas = dir.resolve("fg.png");
    assertEquals(ExitCodes.OK, cli.run("render", "--export-atlas", atlas.toString(), "--cache", dir.toString()),
        cli.err());
    assertTrue(Files.isRegularFile(atlas));
    assertEquals(ExitCodes.OK, cli.run("render", "--atlas", atlas.toString(), "--size", "320x180", "--output-mode",
        "foreground-layer", "--out", dir.resolve("layer").toString(), "--cache", dir.toString()), cli.err());
    assertTrue(cli.out().contains("at 320x180 (foreground-layer)"), cli.out());
    assertEquals(ExitCodes.BAD_INPUT, cli.run("render", "--size", "big", "--cache", dir.toString()));
    assertTrue(cli.err().contains("--size"), cli.err());
  }

  @Test
  void writesOddSizesToH264CroppedAndTheForegroundLayerToProResWithAlpha() throws Exception {
    assertEquals(ExitCodes.OK, cli.run("render", "--size", "81x45", "--out", dir.resolve("odd.mp4").toString(),
        "--cache", dir.toString()), cli.err());
    Clip odd = ClipReader.read(ClipRequest.nativeSize(dir.resolve("odd.mp4"), Optional.empty()));
    assertEquals(48, odd.frameCount());
    assertEquals(80, odd.width(), "cropped to an even width for H.264");
    assertEquals(44, odd.height());

    assertEquals(ExitCodes.OK, cli.run("render", "--size", "64x36", "--output-mode", "foreground-layer", "--out",
        dir.resolve("layer.mov").toString(), "--cache", dir.toString()), cli.err());
    Clip layer = ClipReader.read(ClipRequest.nativeSize(dir.resolve("layer.mov"), Optional.empty()));
    assertEquals(48, layer.frameCount());
    assertTrue(layer.frame(0).hasAlpha(), "ProRes 4444 keeps the layer's alpha");
    float[] alpha = layer.frame(10).alpha().values();
    double max = 0;
    double min = 1;
    for (float a : alpha) {
      max = Math.max(max, a);
      min = Math.min(min, a);
    }
    assertTrue(max > 0.9 && min < 0.05, "alpha is the object's matte, opaque on it and clear elsewhere: " + min
        + ".." + max);
  }

  @Test
  void aMissingClipModelSaysHowToInstallOne() {
    assertEquals(ExitCodes.BAD_INPUT, cli.run("stylize", "--prompt", "gold", "--clip-model", "ViT-B-32",
        "--models-dir", dir.resolve("models").toString(), "--cache", dir.toString()));
    assertTrue(cli.err().contains("styleatlas models fetch ViT-B-32"), cli.err());
  }
}
