package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.JobState;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * The host with the runners this build registers ({@link JobRunners#discover()}): a keyed clip (the
 * generated one, its matte in the alpha channel) is collected over the bridge, decomposed and stylized
 * with {@link TinyPipeline}'s settings (a short fast-mode run, the committed CLIP fixture), and a render
 * answers {@code stylized}.
 */
class PipelineRunnersTest extends HostTestBase {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunnersTest.class);
  private static final int W = 64;
  private static final int H = 36;
  private static final int FRAMES = 6;
  private static final String PARAMS = "{\"prompt\":\"a swan made of gold\",\"quality\":\"draft\",\"iterations\":3,"
      + "\"matteSource\":\"alpha\"}";

  /** Frame t of the generated clip as straight RGBA with the object's matte as alpha. */
  static float[] keyed(SyntheticClip s, int t) {
    float[] rgb = s.clip().frame(t).rgb().pixels();
    float[] matte = s.clip().matte(t).values();
    float[] px = new float[W * H * 4];
    for (int p = 0; p < W * H; p++) {
      System.arraycopy(rgb, p * 3, px, p * 4, 3);
      px[p * 4 + 3] = matte[p];
    }
    return px;
  }

  static JsonNode render(Path socket, float[] input, int t, float[] output) throws Exception {
    try (ShimClient c = ShimClient.unix(socket); ShmRequest shm = new ShmRequest(W, H, input)) {
      JsonNode reply = c.call(shm.render(t, t, FRAMES, PARAMS));
      System.arraycopy(shm.outputPixels(), 0, output, 0, output.length);
      return reply;
    }
  }

  @Test
  void collectDecomposeStylizeAndRenderWithTheRegisteredPipeline() throws Exception {
    JobRunners runners = TinyPipeline.discover(dir, TinyPipeline.WIRING_ONLY);
    assertTrue(runners.runner(JobKind.DECOMPOSE).isPresent() && runners.runner(JobKind.STYLIZE).isPresent()
        && runners.renderer().isPresent(), "the pipeline registers both runners and the renderer");
    host = TestHost.start(TestHost.config(dir, false), runners);
    Path sock = host.config().bridgeSocket();
    SyntheticClip synthetic = SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(W, H, FRAMES));
    float[] out = new float[W * H * 4];
    for (int t = 0; t < FRAMES; t++) {
      JsonNode r = render(sock, keyed(synthetic, t), t, out);
      assertEquals("pending", r.path("status").asText(), r.toString());
    }
    long start = System.currentTimeMillis();
    JsonNode r = render(sock, keyed(synthetic, 1), 1, out);
    while (!r.path("status").asText().equals("stylized") && System.currentTimeMillis() - start < 300_000) {
      assertTrue(r.path("stage").asText().matches("decomposing|stylizing"), r.toString());
      Thread.sleep(500);
      r = render(sock, keyed(synthetic, 1), 1, out);
    }
    LOG.info("stylized after {} s: {}", (System.currentTimeMillis() - start) / 1000.0, r);
    assertEquals("stylized", r.path("status").asText(), r.toString());
    assertEquals("done", r.path("stage").asText());
    int transparentIn = 0;
    float[] in = keyed(synthetic, 1);
    for (int p = 0; p < W * H; p++) {
      assertEquals(1f, out[p * 4 + 3], "the composite is opaque: the output plane holds a rendered frame");
      transparentIn += in[p * 4 + 3] == 0f ? 1 : 0;
    }
    assertTrue(transparentIn > 0, "(the source was not: it is keyed)");
    assertEquals(2, host.jobs().list().stream().filter(j -> j.state() == JobState.SUCCEEDED).count(),
        "decompose and stylize succeeded: " + host.jobs().list());
  }
}
