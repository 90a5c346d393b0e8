package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.ShimClient;
import org.styleatlas.host.ShmRequest;

/**
 * The CLI and the host find each other's artifacts (one key recipe, one entry layout): a clip
 * prepared with {@code styleatlas stylize} is answered stylized by the real host (bridge over its
 * Unix socket and shared memory, as the plug-in sends frames: 8-bit samples divided by 255, a matte
 * plane) on its very first request, with no job (with a matte, or with a box as hosts without a
 * matte input use); and a clip the host decomposed and stylized from plug-in frames is found by
 * {@code styleatlas stylize} without decomposing or fine-tuning. Both sides run with the same
 * engine settings ({@code styleatlas.pipeline.*}, the tiny test pipeline).
 */
class CliAndHostShareArtifactsTest {
  private static final int W = 32;
  private static final int H = 24;
  private static final int FRAMES = 4;
  private static final String PROMPT = "a swan made of gold";

  /**
   * The plug-in's parameters that mean the CLI's flags below (λ global and local are the preset's
   * 1).
   */
  private static final String PARAMS =
      "{\"prompt\":\""
          + PROMPT
          + "\",\"quality\":\"draft\",\"iterations\":3,"
          + "\"prefixes\":4,\"seed\":0,\"lambdaTemporal\":1.0,\"lambdaSparsity\":1.0,\"matteSource\":\"clip\"}";

  @TempDir Path dir;

  private final CapturedCli cli = new CapturedCli();
  private TinyEngineSettings engineSettings;

  @BeforeEach
  void engineSettings() throws IOException {
    engineSettings = TinyEngineSettings.apply(dir);
    GeneratedClipFiles.write(dir.resolve("clip"), W, H, FRAMES);
  }

  @AfterEach
  void clearEngineSettings() {
    engineSettings.close();
  }

  @Test
  void aClipStylizedOnTheCliIsRenderedByTheHostOnItsFirstRequest() throws Exception {
    assertEquals(ExitCodes.OK, cli.run(stylize("cli")), cli.err());
    assertFalse(report("cli").get("cached").asBoolean(), "the CLI fine-tuned");

    try (EngineHost host =
        EngineHost.start(TestHost.config(dir), JobRunners.discover()).orElseThrow()) {
      JsonNode reply = render(host, 1, 0);
      assertEquals(
          "stylized",
          reply.path("status").asText(),
          "the first request is answered stylized: " + reply);
      assertTrue(host.jobs().list().isEmpty(), "nothing was recomputed: " + host.jobs().list());
    }
  }

  @Test
  void aClipPreparedWithABoxIsRecognisedFromFramesWithoutAMattePlane() throws Exception {
    String[] args = stylize("box");
    args[2] = "--box";
    args[3] = "0.1,0.1,0.9,0.9";
    assertEquals(ExitCodes.OK, cli.run(args), cli.err());
    String params =
        PARAMS.replace(
            "\"matteSource\":\"clip\"", "\"matteSource\":\"box\",\"box\":[0.1,0.1,0.9,0.9]");
    try (EngineHost host =
        EngineHost.start(TestHost.config(dir), JobRunners.discover()).orElseThrow()) {
      JsonNode reply = render(host, 2, 0, params, false);
      assertEquals(
          "stylized",
          reply.path("status").asText(),
          "the first request is answered stylized: " + reply);
      assertTrue(host.jobs().list().isEmpty(), "nothing was recomputed: " + host.jobs().list());
    }
  }

  @Test
  void aClipTheHostStylizedIsFoundByTheCli() throws Exception {
    try (EngineHost host =
        EngineHost.start(TestHost.config(dir), JobRunners.discover()).orElseThrow()) {
      for (int t = 0; t < FRAMES; t++) {
        render(host, t, FRAMES);
      }
      long end = System.currentTimeMillis() + 300_000;
      JsonNode reply = render(host, 1, FRAMES);
      while (!reply.path("status").asText().equals("stylized")
          && System.currentTimeMillis() < end) {
        Thread.sleep(500);
        reply = render(host, 1, FRAMES);
      }
      assertEquals("stylized", reply.path("status").asText(), reply + " " + host.jobs().list());
    }
    assertEquals(ExitCodes.OK, cli.run(stylize("cli")), cli.err());
    assertTrue(report("cli").get("cached").asBoolean(), "the CLI found the host's stylized atlas");
    assertEquals(1, TestHost.entries(dir, "decomposition"), "one decomposition entry, shared");
    assertEquals(1, TestHost.entries(dir, "stylized-atlas"), "one stylized-atlas entry, shared");
  }

  private String[] stylize(String out) {
    Path clip = dir.resolve("clip");
    return new String[] {
      "stylize",
      clip.resolve("frames").toString(),
      "--matte",
      clip.resolve("masks").toString(),
      "--prompt",
      PROMPT,
      "--clip-model",
      engineSettings.get("styleatlas.pipeline.clipModel"),
      "--preset",
      "draft",
      "--iterations",
      "3",
      "--prefixes",
      "4",
      "--seed",
      "0",
      "--lambda-temporal",
      "1",
      "--lambda-sparsity",
      "1",
      "--cache",
      dir.resolve("cache").toString(),
      "--out",
      dir.resolve(out).toString()
    };
  }

  private JsonNode report(String out) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(out + ".json").toFile());
  }

  /** Sends frame {@code t} of the clip's files as the plug-in would, with a render request. */
  private JsonNode render(EngineHost host, int t, int clipLength) throws IOException {
    return render(host, t, clipLength, PARAMS, true);
  }

  private JsonNode render(EngineHost host, int t, int clipLength, String params, boolean withMatte)
      throws IOException {
    Path clip = dir.resolve("clip");
    float[] rgba = pluginPixels(file(clip.resolve("frames"), t), 3);
    float[] matte = withMatte ? pluginPixels(file(clip.resolve("masks"), t), 1) : null;
    try (ShimClient c = ShimClient.unix(host.config().bridgeSocket());
        ShmRequest shm = new ShmRequest(W, H, rgba, matte)) {
      return c.call(shm.render(t + 1, t, clipLength, params));
    }
  }

  private static Path file(Path folder, int t) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().skip(t).findFirst().orElseThrow();
    }
  }

  /**
   * What the shim sends for an 8-bit image: each sample divided by 255 as a float, top row first;
   * RGBA with alpha 1 ({@code bands} 3), or the first band as a matte ({@code bands} 1).
   */
  private static float[] pluginPixels(Path png, int bands) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    Raster r = img.getRaster();
    int out = bands == 3 ? 4 : 1;
    float[] px = new float[W * H * out];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int p = (y * W + x) * out;
        for (int b = 0; b < bands; b++) {
          px[p + b] = r.getSample(x, y, b) / 255.0f;
        }
        if (bands == 3) {
          px[p + 3] = 1f;
        }
      }
    }
    return px;
  }
}
