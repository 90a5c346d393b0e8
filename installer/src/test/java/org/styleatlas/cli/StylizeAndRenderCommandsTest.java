package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code styleatlas stylize} and {@code render} on the embedded demo clip with the committed fixture CLIP. */
class StylizeAndRenderCommandsTest {
  private static final Path FIXTURE = Path.of("..", "engine", "src", "test", "resources", "org", "styleatlas",
      "engine", "clip", "clip-fixture-openai.pt");

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = StyleAtlasCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String[] stylize(String prompt, String outName) {
    return new String[] {"stylize", "--prompt", prompt, "--clip-model", FIXTURE.toString(), "--preset", "draft",
        "--iterations", "2", "--views", "1,1", "--view-size", "24", "--no-loss", "temporal",
        "--cache", dir.resolve("cache").toString(), "--out", dir.resolve(outName).toString()};
  }

  @Test
  void stylizesWritesReportAndPlotThenHitsTheCache() throws Exception {
    assertEquals(ExitCodes.OK, run(stylize("a swan made of gold", "gold")), err.toString());
    try (Stream<Path> frames = Files.list(dir.resolve("gold"))) {
      assertEquals(48, frames.count());
    }
    assertTrue(Files.size(dir.resolve("gold-losses.png")) > 0);
    JsonNode report = new ObjectMapper().readTree(dir.resolve("gold.json").toFile());
    assertEquals(2, report.get("history").size());
    assertEquals(0.0, report.get("history").get(1).get("temporal").asDouble(), "switched off");
    assertTrue(report.get("history").get(1).get("global").asDouble() > 0);
    assertEquals(false, report.get("cached").asBoolean());

    assertEquals(ExitCodes.OK, run(stylize("a swan made of gold", "again")), err.toString());
    JsonNode again = new ObjectMapper().readTree(dir.resolve("again.json").toFile());
    assertEquals(true, again.get("cached").asBoolean(), "same prompt and settings: cached");
    assertEquals(report.get("history"), again.get("history"));
  }

  @Test
  void exportsPaintsAndRendersAnAtlasAtAnotherSize() throws Exception {
    Path atlas = dir.resolve("fg.png");
    assertEquals(ExitCodes.OK, run("render", "--export-atlas", atlas.toString(), "--cache", dir.toString()),
        err.toString());
    assertTrue(Files.isRegularFile(atlas));
    assertEquals(ExitCodes.OK, run("render", "--atlas", atlas.toString(), "--size", "320x180", "--output-mode",
        "foreground-layer", "--out", dir.resolve("layer").toString(), "--cache", dir.toString()), err.toString());
    assertTrue(out.toString().contains("at 320x180 (foreground-layer)"), out.toString());
    assertEquals(ExitCodes.BAD_INPUT, run("render", "--size", "big", "--cache", dir.toString()));
    assertTrue(err.toString().contains("--size"), err.toString());
  }

  @Test
  void aMissingClipModelSaysHowToInstallOne() {
    assertEquals(ExitCodes.BAD_INPUT, run("stylize", "--prompt", "gold", "--clip-model", "ViT-B-32",
        "--models-dir", dir.resolve("models").toString(), "--cache", dir.toString()));
    assertTrue(err.toString().contains("styleatlas models fetch ViT-B-32"), err.toString());
  }
}
