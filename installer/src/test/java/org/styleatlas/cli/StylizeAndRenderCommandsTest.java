package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code styleatlas stylize} and {@code render} on the embedded demo clip with the committed fixture CLIP. */
class StylizeAndRenderCommandsTest {
  private static final Path FIXTURE = Path.of("..", "engine", "src", "test", "resources", "org", "styleatlas",
      "engine", "clip", "clip-fixture-openai.pt");

  @TempDir Path dir;

  private final CapturedCli cli = new CapturedCli();

  private String[] stylize(String prompt, String outName) {
    return new String[] {"stylize", "--prompt", prompt, "--clip-model", FIXTURE.toString(), "--preset", "draft",
        "--iterations", "2", "--views", "1,1", "--view-size", "24", "--no-loss", "temporal",
        "--cache", dir.resolve("cache").toString(), "--out", dir.resolve(outName).toString()};
  }

  @Test
  void stylizesWritesReportAndPlotThenHitsTheCache() throws Exception {
    assertEquals(ExitCodes.OK, cli.run(stylize("a swan made of gold", "gold")), cli.err());
    try (Stream<Path> frames = Files.list(dir.resolve("gold"))) {
      assertEquals(48, frames.count());
    }
    assertTrue(Files.size(dir.resolve("gold-losses.png")) > 0);
    JsonNode report = new ObjectMapper().readTree(dir.resolve("gold.json").toFile());
    assertEquals(2, report.get("history").size());
    assertEquals(0.0, report.get("history").get(1).get("temporal").asDouble(), "switched off");
    assertTrue(report.get("history").get(1).get("global").asDouble() > 0);
    assertEquals(false, report.get("cached").asBoolean());

    assertEquals(ExitCodes.OK, cli.run(stylize("a swan made of gold", "again")), cli.err());
    JsonNode again = new ObjectMapper().readTree(dir.resolve("again.json").toFile());
    assertEquals(true, again.get("cached").asBoolean(), "same prompt and settings: cached");
    assertEquals(report.get("history"), again.get("history"));
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
  void aMissingClipModelSaysHowToInstallOne() {
    assertEquals(ExitCodes.BAD_INPUT, cli.run("stylize", "--prompt", "gold", "--clip-model", "ViT-B-32",
        "--models-dir", dir.resolve("models").toString(), "--cache", dir.toString()));
    assertTrue(cli.err().contains("styleatlas models fetch ViT-B-32"), cli.err());
  }
}
