package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;

/**
 * {@code styleatlas stylize --prompts keys.json} and {@code --preview} on a tiny generated clip
 * with the committed fixture CLIP and the tiny test pipeline (issue #18 items 1 and 2, CLI parts):
 * a track's frames hold the first look, then move monotonically from it to the second look during
 * the transition (blended in atlas space), then hold the second; a bad keys.json is refused naming
 * the file and the key; a preview trains the plug-in's preview schedule at the preview address.
 */
class StylizePromptsAndPreviewTest {
  private static final int W = 32;
  private static final int H = 24;
  private static final int FRAMES = 8;
  private static final String GOLD = "a swan made of gold";
  private static final String ICE = "a swan made of ice";

  /** Gold up to frame 2, then to ice over 4 frames (amounts 0, ¼, ½, ¾ at frames 2–5), ice on. */
  private static final String KEYS =
      "{\"keys\":[{\"frame\":0,\"prompt\":\""
          + GOLD
          + "\"},{\"frame\":2,\"prompt\":\""
          + ICE
          + "\",\"transition\":4}]}";

  @TempDir Path dir;

  private final CapturedCli cli = new CapturedCli();
  private Properties engineSettings;

  @BeforeEach
  void engineSettings() throws IOException {
    engineSettings = TinyPipeline.systemProperties(dir, TinyPipeline.WIRING_ONLY);
    engineSettings
        .stringPropertyNames()
        .forEach(k -> System.setProperty(k, engineSettings.getProperty(k)));
    GeneratedClipFiles.write(dir.resolve("clip"), W, H, FRAMES);
  }

  @AfterEach
  void clearEngineSettings() {
    engineSettings.stringPropertyNames().forEach(System::clearProperty);
  }

  @Test
  void aPromptTrackHoldsBlendsInAtlasSpaceAndHoldsAgain() throws Exception {
    assertEquals(ExitCodes.OK, cli.run(stylize("gold-exr", "--prompt", GOLD)), cli.err());
    assertEquals(ExitCodes.OK, cli.run(stylize("ice-exr", "--prompt", ICE)), cli.err());
    Path keys = Files.writeString(dir.resolve("keys.json"), KEYS);
    assertEquals(
        ExitCodes.OK, cli.run(stylize("morph-exr", "--prompts", keys.toString())), cli.err());

    JsonNode first = report("morph-exr.json");
    JsonNode second = report("morph-exr-2.json");
    assertEquals(GOLD, first.get("globalText").asText(), "one report per prompt, in track order");
    assertEquals(ICE, second.get("globalText").asText());
    assertTrue(
        first.get("cached").asBoolean() && second.get("cached").asBoolean(),
        "each prompt's stylization is the one --prompt made (same address)");

    List<float[]> gold = frames("gold-exr");
    List<float[]> ice = frames("ice-exr");
    List<float[]> morph = frames("morph-exr");
    // (the given matte is the opacity, so only the object's pixels carry the edit: 8.7e-5 measured)
    assertTrue(
        distance(gold.get(4), ice.get(4)) > 2e-5,
        "the two looks differ: " + distance(gold.get(4), ice.get(4)));
    for (int t = 0; t <= 2; t++) {
      assertEquals(0, distance(morph.get(t), gold.get(t)), 1e-6, "frame " + t + " is gold");
    }
    for (int t = 6; t < FRAMES; t++) {
      assertEquals(0, distance(morph.get(t), ice.get(t)), 1e-6, "frame " + t + " is ice");
    }
    for (int t = 3; t <= 6; t++) {
      double toGoldBefore = distance(morph.get(t - 1), gold.get(t - 1));
      double toGold = distance(morph.get(t), gold.get(t));
      double toIceBefore = distance(morph.get(t - 1), ice.get(t - 1));
      double toIce = distance(morph.get(t), ice.get(t));
      assertTrue(toGold > toGoldBefore, "frame " + t + " moves away from gold");
      assertTrue(toIce < toIceBefore, "frame " + t + " moves towards ice");
    }
    // In atlas space the blend is linear: the middle frame is the mean of the two looks.
    float[] mid = morph.get(4);
    float[] expected = new float[mid.length];
    for (int i = 0; i < mid.length; i++) {
      expected[i] = 0.5f * (gold.get(4)[i] + ice.get(4)[i]);
    }
    assertEquals(0, distance(mid, expected), 2e-3, "frame 4 is half way, texel by texel");
  }

  @Test
  void aBadKeysFileIsRefusedNamingTheFileAndTheKey() throws Exception {
    Path noPrompt =
        Files.writeString(
            dir.resolve("no-prompt.json"),
            "[{\"frame\":0,\"prompt\":\"" + GOLD + "\"},{\"frame\":3}]");
    assertEquals(ExitCodes.BAD_INPUT, cli.run(stylize("a-exr", "--prompts", noPrompt.toString())));
    assertTrue(
        cli.err().contains(noPrompt + ": prompts: key 2 (frame 3): the prompt is missing"),
        cli.err());

    Path late =
        Files.writeString(
            dir.resolve("late.json"),
            "[{\"frame\":0,\"prompt\":\"" + GOLD + "\"},{\"frame\":8,\"prompt\":\"" + ICE + "\"}]");
    assertEquals(ExitCodes.BAD_INPUT, cli.run(stylize("b-exr", "--prompts", late.toString())));
    assertTrue(
        cli.err().contains(late + ": prompts: key 2 (frame 8): the clip has 8 frames"), cli.err());

    Path good = Files.writeString(dir.resolve("keys.json"), KEYS);
    String[] both = stylize("c-exr", "--prompts", good.toString());
    String[] withPrompt = new String[both.length + 2];
    System.arraycopy(both, 0, withPrompt, 0, both.length);
    withPrompt[both.length] = "--prompt";
    withPrompt[both.length + 1] = GOLD;
    assertEquals(ExitCodes.BAD_INPUT, cli.run(withPrompt));
    assertTrue(cli.err().contains("give either --prompt or --prompts"), cli.err());
    assertFalse(Files.exists(dir.resolve("c-exr")), "nothing written");
  }

  @Test
  void aPreviewTrainsThePluginsPreviewAtThePreviewAddress() throws Exception {
    assertEquals(
        ExitCodes.OK, cli.run(stylize("preview-exr", "--prompt", GOLD, "--preview")), cli.err());
    assertTrue(cli.out().contains("(preview)"), cli.out());
    JsonNode report = report("preview-exr.json");
    assertFalse(report.get("cached").asBoolean());
    assertEquals(
        40,
        report.get("history").size(),
        "the preview schedule (40 iterations of one frame), not --iterations 4");
    assertEquals(FRAMES, frames("preview-exr").size(), "every frame is rendered from it");
    assertEquals(1, entries("stylized-preview"));
    assertFalse(Files.exists(dir.resolve("cache/stylized-atlas")), "no full stylization");

    assertEquals(
        ExitCodes.OK, cli.run(stylize("again-exr", "--prompt", GOLD, "--preview")), cli.err());
    assertTrue(report("again-exr.json").get("cached").asBoolean(), "found at its address");
  }

  private String[] stylize(String out, String... extra) {
    Path clip = dir.resolve("clip");
    List<String> args =
        new ArrayList<>(
            List.of(
                "stylize",
                clip.resolve("frames").toString(),
                "--matte",
                clip.resolve("masks").toString(),
                "--clip-model",
                engineSettings.getProperty("styleatlas.pipeline.clipModel"),
                "--preset",
                "draft",
                "--iterations",
                "4",
                "--views",
                "1,1",
                "--view-size",
                "24",
                "--cache",
                dir.resolve("cache").toString(),
                "--out",
                dir.resolve(out).toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private JsonNode report(String name) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(name).toFile());
  }

  private List<float[]> frames(String out) throws IOException {
    Clip c = ClipReader.read(ClipRequest.nativeSize(dir.resolve(out), Optional.empty()));
    List<float[]> px = new ArrayList<>();
    for (int t = 0; t < c.frameCount(); t++) {
      px.add(c.frame(t).pixels());
    }
    return px;
  }

  private long entries(String kind) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("cache").resolve(kind))) {
      return s.count();
    }
  }

  /** Mean absolute difference of two frames' samples. */
  private static double distance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }
}
