package org.styleatlas.engine.maps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.DecompositionSchedule;
import org.styleatlas.engine.render.ClipRenderer;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;

/**
 * {@link MapStore} on a learned decomposition (a short fast-mode run on a generated 128x72 clip):
 * maps at output sizes resampled from the working size, with the networks run only near the
 * opacity's edges, against a full evaluation at every output pixel; the stored values read back
 * after a restart without the networks.
 */
class MapStoreTest {
  /** The output size of the stored maps: 2.5x the working size. */
  private static final int W = 320;

  private static final int H = 180;
  private static final Logger LOG = LoggerFactory.getLogger(MapStoreTest.class);

  @TempDir static Path cacheDir;
  static SyntheticClip synthetic;
  static Decomposition decomposition;
  static DecompositionScene scene;
  static ContentCache cache;

  @BeforeAll
  static void decompose() throws Exception {
    synthetic =
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(128, 72, 3));
    cache = new ContentCache(cacheDir, 1L << 30);
    DecompositionConfig config =
        DecompositionConfig.fast()
            .withSchedule(new DecompositionSchedule(60, 20, 512, 1, 50))
            .withAtlasResolution(64);
    decomposition =
        DecompositionJob.builder()
            .setClip(synthetic.clip())
            .setConfig(config)
            .optCache(cache)
            .build()
            .run();
    scene = new DecompositionScene(decomposition, synthetic.clip(), ProgressSink.NONE);
  }

  @AfterAll
  static void close() {
    if (scene != null) {
      scene.close();
    }
  }

  @Test
  void mapsAtAnOutputSizeAreStoredOnceReadWithoutTheNetworksAndRecomputedWhenCorrupt()
      throws Exception {
    CountingNetworks counted = new CountingNetworks(decomposition);
    MapStore first = new MapStore(Optional.of(cache), 1L << 30);
    List<FrameLayerMaps> maps = new ArrayList<>();
    for (int t = 0; t < counted.frameCount(); t++) {
      maps.add(first.frame(counted, t, W, H));
    }
    assertEquals(
        counted.frameCount(), first.evaluations(), "each frame's edge pixels evaluated once");
    assertEquals(
        1,
        first.entriesWritten(),
        "one entry for the clip at that size, written with its last frame");
    assertEquals(
        counted.frameCount(),
        counted.calls.get(),
        "one network call per frame, for its edge pixels only");
    assertTrue(
        counted.pixels.get() < counted.frameCount() * W * H,
        "the networks ran at the edge pixels only: " + counted.pixels.get());
    Path entry = cacheDir.resolve(MapStore.KIND).resolve(MapStore.key(counted.key(), W, H).hash());
    assertTrue(
        Files.isRegularFile(entry.resolve(MapStore.EXACT)),
        "the exact values are in the content cache");
    assertTrue(
        Files.size(entry.resolve(MapStore.EXACT)) < (long) W * H * 20 * counted.frameCount(),
        "the entry is smaller than the clip's full float32 maps: "
            + Files.size(entry.resolve(MapStore.EXACT)));

    counted.forbidden = true;
    MapStore second = new MapStore(Optional.of(new ContentCache(cacheDir, 1L << 30)), 1L << 30);
    List<Frame> rendered =
        render(new DecompositionScene(decomposition, synthetic.clip(), ProgressSink.NONE, first));
    for (int t = 0; t < counted.frameCount(); t++) {
      FrameLayerMaps read = second.frame(counted, t, W, H);
      assertArrayEquals(maps.get(t).alpha(), read.alpha(), "frame " + t);
      assertArrayEquals(maps.get(t).foregroundUv(), read.foregroundUv(), "frame " + t);
      assertArrayEquals(maps.get(t).backgroundUv(), read.backgroundUv(), "frame " + t);
    }
    assertEquals(
        0, second.evaluations(), "a second store (a restart) reads the entry, never the networks");
    assertEquals(0, second.entriesWritten());
    assertEquals(
        rendered,
        render(
            new DecompositionScene(
                decomposition,
                synthetic.clip(),
                ProgressSink.NONE,
                new MapStore(Optional.of(new ContentCache(cacheDir, 1L << 30)), 1L << 30))),
        "bit-identical frames");

    Path exact = entry.resolve(MapStore.EXACT);
    byte[] bytes = Files.readAllBytes(exact);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(exact, bytes);
    counted.forbidden = false;
    MapStore reopened = new MapStore(Optional.of(new ContentCache(cacheDir, 1L << 30)), 1L << 30);
    assertEquals(
        rendered,
        render(
            new DecompositionScene(decomposition, synthetic.clip(), ProgressSink.NONE, reopened)),
        "a corrupt entry is evaluated again, to the same frames");
    assertEquals(
        counted.frameCount(),
        reopened.evaluations(),
        "the checksum mismatch was detected and the values" + " recomputed");
  }

  /**
   * The resampled maps against a full evaluation of the networks at every output pixel (352x198,
   * 2.75x the working size): α and the visible uv within tight bounds, and the rendered
   * reconstruction within one 8-bit level on at least 99.9 % of the pixels.
   */
  @Test
  void resampledMapsMatchAFullEvaluationOfTheNetworks() {
    int w = 352;
    int h = 198;
    Decomposition d = decomposition;
    org.styleatlas.engine.decomposition.ClipLayerMaps full =
        d.evaluate(w, h, false, ProgressSink.NONE);
    MapStore store = new MapStore(Optional.empty(), 1L << 30);
    CountingNetworks counted = new CountingNetworks(d);
    long beyondOneLevel = 0;
    long pixels = 0;
    double alphaError = 0;
    double uvError = 0;
    try (FrameRenderer r = new FrameRenderer(2)) {
      for (int t = 0; t < counted.frameCount(); t++) {
        FrameLayerMaps resampled = store.frame(counted, t, w, h);
        FrameLayerMaps exact =
            new FrameLayerMaps(
                w, h, full.uvForeground().get(t), full.uvBackground().get(t), full.alpha().get(t));
        for (int p = 0; p < w * h; p++) {
          alphaError = Math.max(alphaError, Math.abs(resampled.alpha()[p] - exact.alpha()[p]));
          if (exact.alpha()[p] > 0.05f) {
            for (int k = 0; k < 2; k++) {
              uvError =
                  Math.max(
                      uvError,
                      Math.abs(
                          resampled.foregroundUv()[2 * p + k] - exact.foregroundUv()[2 * p + k]));
            }
          }
        }
        Frame a =
            r.render(
                resampled,
                null,
                scene.atlases().foreground(),
                scene.atlases().background(),
                OutputMode.RECONSTRUCTION);
        Frame b =
            r.render(
                exact,
                null,
                scene.atlases().foreground(),
                scene.atlases().background(),
                OutputMode.RECONSTRUCTION);
        for (int p = 0; p < w * h; p++) {
          pixels++;
          for (int c = 0; c < 3; c++) {
            if (Math.abs(
                    Math.round(a.pixels()[p * 3 + c] * 255)
                        - Math.round(b.pixels()[p * 3 + c] * 255))
                > 1) {
              beyondOneLevel++;
              break;
            }
          }
        }
      }
    }
    LOG.info(
        "resampled vs full evaluation at {}x{}: max |Δα| {}, max |Δuv_f| where α > 0.05 {}, {} of {} pixels"
            + " beyond one 8-bit level, networks at {} of {} pixels",
        w,
        h,
        alphaError,
        uvError,
        beyondOneLevel,
        pixels,
        counted.pixels.get(),
        pixels);
    assertTrue(alphaError < 2f / 255, "α within 2/255 everywhere: " + alphaError);
    assertTrue(uvError < 0.01, "visible foreground uv within 0.01: " + uvError);
    assertTrue(
        beyondOneLevel <= pixels / 1000,
        "≥ 99.9 % of pixels within one 8-bit level: " + beyondOneLevel);
  }

  /** A decomposition as the map store sees it, counting (or forbidding) network evaluations. */
  private static final class CountingNetworks implements MapNetworks {
    final Decomposition d;
    final org.styleatlas.engine.decomposition.ClipLayerMaps working;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger pixels = new AtomicInteger();
    volatile boolean forbidden;

    CountingNetworks(Decomposition d) {
      this.d = d;
      try {
        this.working = d.maps();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public CacheKey key() {
      return d.entry().key();
    }

    @Override
    public int frameCount() {
      return working.frames();
    }

    @Override
    public int width() {
      return working.width();
    }

    @Override
    public int height() {
      return working.height();
    }

    @Override
    public FrameLayerMaps working(int t) {
      return new FrameLayerMaps(
          width(),
          height(),
          working.uvForeground().get(t),
          working.uvBackground().get(t),
          working.alpha().get(t));
    }

    @Override
    public float[] evaluate(int t, int width, int height, MapResampler.Exact at) {
      if (forbidden) {
        throw new AssertionError("the networks were evaluated");
      }
      calls.incrementAndGet();
      pixels.addAndGet(at.pixels());
      return d.evaluatePixels(width, height, t, at.all(), at.alpha());
    }
  }

  /**
   * Every frame in reconstruction mode at the output size (the scene is not closed: it shares the
   * decomposition).
   */
  private static List<Frame> render(DecompositionScene s) throws Exception {
    List<Frame> frames = new ArrayList<>();
    new ClipRenderer(s.maps(), s.atlases())
        .render(
            s::frame,
            new RenderSettings(OutputMode.RECONSTRUCTION, 1f, W, H, 2),
            ProgressSink.NONE,
            (t, f) -> frames.add(f));
    return frames;
  }
}
