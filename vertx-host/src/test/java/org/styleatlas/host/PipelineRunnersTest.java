package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.JobState;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * The host with the runners this build registers ({@link JobRunners#discover()}): a keyed clip (the
 * generated one, its matte in the alpha channel) is collected over the bridge, decomposed and
 * stylized with {@link TinyPipeline}'s settings (a short fast-mode run, the committed CLIP fixture)
 * at a working size of 32x18, and a render at the clip's 64x36 (a non-working size: that frame's
 * maps are evaluated) answers {@code stylized}. A restarted host answers the same pixels from the
 * maps stored in the cache.
 */
class PipelineRunnersTest extends HostTestBase {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunnersTest.class);
  private static final int W = 64;
  private static final int H = 36;
  private static final int FRAMES = 6;
  private static final String PARAMS =
      "{\"prompt\":\"a swan made of gold\",\"quality\":\"draft\",\"iterations\":3,"
          + "\"matteSource\":\"alpha\"}";

  /** Frame t of the generated clip as straight RGBA with the object's matte as alpha. */
  static float[] keyed(SyntheticClip s, int t) {
    return TestFrames.keyed(s.clip().frame(t).rgb().pixels(), s.clip().matte(t).values());
  }

  static JsonNode render(Path socket, float[] input, int t, float[] output) throws Exception {
    try (ShimClient c = ShimClient.unix(socket);
        ShmRequest shm = new ShmRequest(W, H, input)) {
      JsonNode reply = c.call(shm.render(t, t, FRAMES, PARAMS));
      System.arraycopy(shm.outputPixels(), 0, output, 0, output.length);
      return reply;
    }
  }

  @Test
  void collectDecomposeStylizeAndRenderWithTheRegisteredPipeline() throws Exception {
    Map<String, String> settings = new HashMap<>(TinyPipeline.WIRING_ONLY);
    settings.put("longEdge", Integer.toString(W / 2));
    JobRunners runners = TinyPipeline.discover(dir, settings);
    assertTrue(
        runners.runner(JobKind.DECOMPOSE).isPresent()
            && runners.runner(JobKind.STYLIZE).isPresent()
            && runners.hasRenderer(),
        "the pipeline registers both runners and the renderer");
    host = TestHost.start(TestHost.config(dir, false), runners);
    Path sock = host.config().bridgeSocket();
    SyntheticClip synthetic =
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(W, H, FRAMES));
    float[] out = new float[W * H * 4];
    for (int t = 0; t < FRAMES; t++) {
      JsonNode r = render(sock, keyed(synthetic, t), t, out);
      assertEquals("pending", r.path("status").asText(), r.toString());
    }
    long start = System.currentTimeMillis();
    JsonNode r = render(sock, keyed(synthetic, 1), 1, out);
    while (!r.path("status").asText().equals("stylized")
        && System.currentTimeMillis() - start < 300_000) {
      assertTrue(
          r.path("stage").asText().matches("decomposing|previewing|preview|stylizing"),
          r.toString());
      Thread.sleep(500);
      r = render(sock, keyed(synthetic, 1), 1, out);
    }
    LOG.info("stylized after {} s: {}", (System.currentTimeMillis() - start) / 1000.0, r);
    assertEquals("stylized", r.path("status").asText(), r.toString());
    assertEquals("done", r.path("stage").asText());
    int transparentIn = 0;
    int untouched = 0;
    int changed = 0;
    float[] in = keyed(synthetic, 1);
    for (int p = 0; p < W * H; p++) {
      assertTrue(
          out[p * 4 + 3] >= in[p * 4 + 3],
          "the composite never makes a pixel more transparent than the source");
      boolean same = true;
      for (int c = 0; c < 4; c++) {
        same &= Float.floatToRawIntBits(out[p * 4 + c]) == Float.floatToRawIntBits(in[p * 4 + c]);
      }
      changed += same ? 0 : 1;
      if (in[p * 4 + 3] == 0f) {
        transparentIn++;
        untouched += same ? 1 : 0;
      }
    }
    assertTrue(changed > 0, "the output plane holds a rendered frame, not the source");
    assertTrue(transparentIn > 0, "(the source is keyed)");
    // (bit-identical background where α is invisible: ofx-bridge's SourcePixelsRoundTripTest, after
    // a longer run)
    LOG.info(
        "{} of {} keyed-out pixels came back bit-identical after this short decomposition",
        untouched,
        transparentIn);
    // The stylized atlas is published before its job's record says SUCCEEDED: give the record a
    // bounded moment to follow.
    long recordDeadline = System.currentTimeMillis() + 30_000;
    while (succeeded(host) < 3 && System.currentTimeMillis() < recordDeadline) {
      Thread.sleep(100);
    }
    assertEquals(
        3, succeeded(host), "decompose, preview and stylize succeeded: " + host.jobs().list());

    float[] other = new float[W * H * 4];
    for (int t = 0; t < FRAMES; t++) {
      JsonNode each = render(sock, keyed(synthetic, t), t, other);
      assertEquals("stylized", each.path("status").asText(), "frame " + t + ": " + each);
    }
    Path frameMaps = host.config().cacheDir().resolve(MapStore.KIND);
    List<Path> stored = entries(frameMaps);
    assertEquals(
        1, stored.size(), "rendering every frame stored the clip's maps at 64x36: " + stored);
    Path uv = stored.get(0).resolve(MapStore.EXACT);
    FileTime written = Files.getLastModifiedTime(uv);
    host.close();
    host = TestHost.start(TestHost.config(dir, false), TinyPipeline.discover(dir, settings));
    float[] again = new float[out.length];
    JsonNode restarted = render(host.config().bridgeSocket(), keyed(synthetic, 1), 1, again);
    assertEquals("stylized", restarted.path("status").asText(), restarted.toString());
    assertArrayEquals(out, again, "the restarted host renders the same pixels");
    assertEquals(stored, entries(frameMaps), "no other entry");
    assertEquals(
        written,
        Files.getLastModifiedTime(uv),
        "the restarted host read the stored maps, not evaluated them");
  }

  private static List<Path> entries(Path kind) throws Exception {
    try (Stream<Path> s = Files.list(kind)) {
      return s.sorted().toList();
    }
  }

  private static long succeeded(EngineHost host) {
    return host.jobs().list().stream().filter(j -> j.state() == JobState.SUCCEEDED).count();
  }
}
