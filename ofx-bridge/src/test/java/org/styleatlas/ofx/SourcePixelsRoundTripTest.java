package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.pipeline.TinyPipeline;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.host.ConfigLoader;
import org.styleatlas.host.EngineHost;
import org.styleatlas.host.HostConfig;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;

/**
 * The built plug-in against the real host (in this JVM, {@link TinyPipeline}'s runners): a stylized
 * composite gives the host's own pixels back, bit for bit, wherever the object is invisible (α
 * below 1/512), at 8-bit, 16-bit and float depth, and everywhere at strength 0. The composite is
 * drawn over the request's full-resolution pixels, not the clip's stored working-size frame (here
 * half the size).
 *
 * <p>The clip's samples are multiples of 1/255, which every depth holds exactly (8-bit k, 16-bit
 * 257·k, float k/255), so the three depths send the same floats: one clip, one decomposition.
 */
class SourcePixelsRoundTripTest {
  private static final Logger LOG = LoggerFactory.getLogger(SourcePixelsRoundTripTest.class);
  private static final int W = 48;
  private static final int H = 32;
  private static final int FRAMES = 4;
  private static final int FRAME = 1;
  private static final String STYLIZED = "done 100%";
  private static final int COMPOSITE = 0;
  private static final int MATTE = 2;
  private static final int BOX = 2;
  private static final float INVISIBLE = 1f / 512;

  /**
   * The clip is decomposed at half its size, so the composite cannot have come from the working
   * frames.
   */
  private static final int WORKING_LONG_EDGE = W / 2;

  @TempDir Path dir;

  private final SyntheticClip clip =
      SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(W, H, FRAMES));

  @Test
  void untouchedPixelsComeBackBitIdenticalAt8And16BitAndFloat() throws Exception {
    HostConfig config = config();
    try (EngineHost host =
            EngineHost.start(
                    config,
                    TinyPipeline.discover(
                        dir,
                        Map.of(
                            "decomposeIterations",
                            "200",
                            "longEdge",
                            Integer.toString(WORKING_LONG_EDGE))))
                .orElseThrow();
        Fixture f = new Fixture(null)) {
      for (int t = 0; t < FRAMES; t++) {
        render(f, config, frames(Depth.BYTE), t, COMPOSITE, 1.0);
      }
      long end = System.currentTimeMillis() + 300_000;
      Rendered r = render(f, config, frames(Depth.BYTE), FRAME, COMPOSITE, 1.0);
      while (!r.status().equals(STYLIZED) && System.currentTimeMillis() < end) {
        Thread.sleep(500);
        r = render(f, config, frames(Depth.BYTE), FRAME, COMPOSITE, 1.0);
      }
      assertEquals(STYLIZED, r.status(), "the engine's stage: " + host.jobs().list());
      HostImage alpha = render(f, config, frames(Depth.FLOAT), FRAME, MATTE, 1.0).output();

      for (Depth depth : Depth.values()) {
        HostImage source = frames(depth).apply(FRAME);
        Rendered composite = render(f, config, frames(depth), FRAME, COMPOSITE, 1.0);
        assertEquals(STYLIZED, composite.status(), depth + ": answered from the caches");
        int invisible = 0;
        int changed = 0;
        for (int y = 0; y < H; y++) {
          for (int x = 0; x < W; x++) {
            boolean same = samePixel(source, composite.output(), x, y);
            changed += same ? 0 : 1;
            if (alpha.get(x, y, 0) < INVISIBLE) {
              invisible++;
              assertTrue(
                  same,
                  depth + ": pixel (" + x + ", " + y + ") outside the object comes back as sent");
            }
          }
        }
        LOG.info(
            "{}: {} pixels outside the object came back bit-identical, {} stylized",
            depth,
            invisible,
            changed);
        assertTrue(
            invisible > W * H / 10,
            depth + ": enough of the frame lies outside the object: " + invisible);
        assertTrue(changed > 0, depth + ": the object is stylized");

        Rendered unstylized = render(f, config, frames(depth), FRAME, COMPOSITE, 0.0);
        for (int y = 0; y < H; y++) {
          for (int x = 0; x < W; x++) {
            assertTrue(
                samePixel(source, unstylized.output(), x, y),
                depth + ": strength 0 gives the source back");
          }
        }
      }
    }
  }

  private HostConfig config() {
    Properties p = new Properties();
    p.setProperty("styleatlas.runtime.dir", dir.resolve("run").toString());
    p.setProperty("styleatlas.cache.dir", dir.resolve("cache").toString());
    p.setProperty("styleatlas.state.dir", dir.resolve("state").toString());
    return new ConfigLoader(Map.of(), p).load(null);
  }

  /**
   * The generated clip at {@code depth}, RGBA opaque, samples rounded to multiples of 1/255; OFX y
   * up.
   */
  private DoubleFunction<HostImage> frames(Depth depth) {
    return t -> {
      HostImage img = new HostImage(0, 0, W, H, depth, 4, false);
      float[] rgb = clip.clip().frame((int) t).rgb().pixels();
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          int p = (y * W + x) * 3;
          for (int c = 0; c < 3; c++) {
            img.set(x, H - 1 - y, c, Math.round(rgb[p + c] * 255) / 255f);
          }
          img.set(x, H - 1 - y, 3, 1f);
        }
      }
      return img;
    };
  }

  /** Whether every sample of pixel (x, y) is the same bits in both images. */
  private static boolean samePixel(HostImage a, HostImage b, int x, int y) {
    for (int c = 0; c < 4; c++) {
      boolean same =
          a.depth == Depth.FLOAT
              ? Float.floatToRawIntBits(a.get(x, y, c)) == Float.floatToRawIntBits(b.get(x, y, c))
              : a.raw(x, y, c) == b.raw(x, y, c);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private record Rendered(String status, HostImage output) {}

  /** Renders frame t with a fresh instance (as a command-line host does) and destroys it. */
  private static Rendered render(
      Fixture f,
      HostConfig config,
      DoubleFunction<HostImage> frames,
      int t,
      int output,
      double strength) {
    Effect instance = f.instance(Session.FILTER, frames, null);
    instance.params().get("engineAddress").set("unix:" + config.bridgeSocket());
    instance.params().get("globalPrompt").set("a swan made of gold");
    instance.params().get("quality").set(0);
    instance.params().get("iterations").set(3);
    instance.params().get("matteSource").set(BOX);
    instance.params().get("boxTopLeft").set(new double[] {0.15, 0.15});
    instance.params().get("boxBottomRight").set(new double[] {0.85, 0.85});
    instance.params().get("clipLength").set(FRAMES);
    instance.params().get("output").set(output);
    instance.params().get("strength").set(strength);
    Session.Render r = f.session.render(instance, t);
    assertEquals(Status.OK, r.status(), instance.messages().toString());
    String status = (String) instance.param("status");
    f.session.destroyInstance(instance);
    return new Rendered(status, r.output());
  }
}
