package org.styleatlas.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.clipmodel.ModelStore;
import org.styleatlas.engine.decomposition.DecompositionFiles;
import org.styleatlas.engine.decomposition.DecompositionReport;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobStoppedException;
import org.styleatlas.engine.jobs.RenderParams;
import org.styleatlas.engine.jobs.StyleSettings;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * The registered pipeline ({@link JobRunners#discover()}, {@link TinyPipeline}'s settings) as the
 * host drives it: a clip collected into the {@link ClipStore} (the generated clip, 64x36, 6 frames,
 * with mattes), decomposed by a short fast-mode run, stylized for 4 iterations through the
 * committed TorchScript CLIP fixture (stopped after 2 and resumed from the job's checkpoint), then
 * rendered.
 */
class PipelineTest {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineTest.class);
  private static final int W = 64;
  private static final int H = 36;
  private static final int FRAMES = 6;
  private static final int T = 2;

  @TempDir static Path dir;
  static SyntheticClip synthetic;
  static PipelineSettings settings;
  static JobRunners runners;

  @BeforeAll
  static void setUp() throws Exception {
    synthetic =
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(W, H, FRAMES));
    settings = TinyPipeline.settings(dir);
    runners = TinyPipeline.discover(dir);
  }

  /** Puts the generated clip into the cache as the plug-in would; returns its id. */
  static String collect(ContentCache cache, boolean withMattes) throws Exception {
    ClipStore store = new ClipStore(cache);
    List<String> hashes = new ArrayList<>();
    for (int t = 0; t < FRAMES; t++) {
      float[] rgba = rgba(synthetic.clip().frame(t));
      float[] matte = synthetic.clip().matte(t).values();
      String hash =
          new ContentHasher().putFloats(rgba).putFloats(withMattes ? matte : new float[0]).hex();
      store.putFrame(hash, W, H, bytes(rgba), withMattes ? bytes(matte) : null);
      hashes.add(hash);
    }
    String id = ClipStore.clipId(hashes);
    store.putClip(new ClipRecord(id, W, H, DecomposeSettings.defaults(), hashes));
    return id;
  }

  static JobSpec decompose(String clip) {
    return new JobSpec(JobKind.DECOMPOSE, JobPriority.BATCH, clip, null, null, null, null);
  }

  static JobSpec stylize(String clip, String model) {
    return new JobSpec(
        JobKind.STYLIZE,
        JobPriority.BATCH,
        clip,
        null,
        null,
        null,
        new StyleSettings(
            "a swan made of gold", "gold texture", "", 4, "draft", 4, 3, 1, 1, 1, 0.1, false));
  }

  static void run(JobSpec spec, FakeJobContext ctx) throws Exception {
    runners.runner(spec.kind()).orElseThrow().run(ctx);
  }

  @Test
  void aHostDecompositionTooLargeForMemoryFailsBeforeAnyFrameIsRead() throws Exception {
    ContentCache cache = new ContentCache(dir.resolve("cache-budget"), 1L << 30);
    String clip = collect(cache, true);
    JobSpec decompose = decompose(clip);
    FakeJobContext ctx =
        new FakeJobContext(
            decompose, cache, Files.createDirectories(dir.resolve("cp-budget")), 0, runners.keys());
    InputException e =
        assertThrows(
            InputException.class,
            () -> new DecomposeRunner(settings, new DecompositionBudget(64 * 1024, 0)).run(ctx));
    assertTrue(e.getMessage().startsWith("clip " + clip.substring(0, 12) + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(FRAMES + " frames at " + W + "x" + H), e.getMessage());
    assertTrue(cache.find(runners.keys().decomposition(decompose)).isEmpty(), "no entry written");
    assertTrue(ctx.progress().isEmpty(), "no training started: " + ctx.progress());
  }

  @Test
  void decomposeStylizeAndRenderThroughTheRegisteredRunners() throws Exception {
    ContentCache cache = new ContentCache(dir.resolve("cache"), 1L << 30);
    String clip = collect(cache, true);
    JobSpec decompose = decompose(clip);
    long t0 = System.nanoTime();
    FakeJobContext dctx =
        new FakeJobContext(
            decompose, cache, Files.createDirectories(dir.resolve("cp-d")), 0, runners.keys());
    run(decompose, dctx);
    CacheEntry decomposition = cache.find(runners.keys().decomposition(decompose)).orElseThrow();
    for (String f :
        List.of(
            DecompositionFiles.WEIGHTS,
            DecompositionFiles.ALPHA,
            DecompositionFiles.REPORT,
            DecompositionEntry.FRAMES,
            DecompositionEntry.CLIP)) {
      assertTrue(Files.isRegularFile(decomposition.file(f)), "decomposition entry holds " + f);
    }
    assertEquals(
        DecompositionReport.OPACITY_MATTE,
        new ObjectMapper()
            .readTree(decomposition.file(DecompositionFiles.REPORT).toFile())
            .path("opacity")
            .asText(),
        "a clip with its own mattes renders them as the opacity (OpacityChoice)");
    assertTrue(dctx.checks().get() >= 60, "stop checked every step: " + dctx.checks().get());
    assertTrue(
        dctx.progress().stream().anyMatch(p -> p.startsWith("decompose ")),
        "progress: " + dctx.progress());
    long t1 = System.nanoTime();

    JobSpec stylize = stylize(clip, null);
    Path stylizeCheckpoints = Files.createDirectories(dir.resolve("cp-s"));
    Path checkpoint = stylizeCheckpoints.resolve(StylizeRunner.CHECKPOINT);
    FakeJobContext stopped =
        new FakeJobContext(stylize, cache, stylizeCheckpoints, 3, runners.keys());
    assertThrows(JobStoppedException.class, () -> run(stylize, stopped));
    assertTrue(
        Files.isRegularFile(checkpoint), "a job stopped at iteration 2 keeps its checkpoint");
    FakeJobContext sctx = new FakeJobContext(stylize, cache, stylizeCheckpoints, 0, runners.keys());
    run(stylize, sctx);
    CacheEntry atlas = cache.find(runners.keys().stylized(stylize)).orElseThrow();
    assertEquals(
        2, sctx.checks().get(), "resumed at iteration 2: one stop check per remaining iteration");
    assertFalse(Files.exists(checkpoint), "the checkpoint is deleted on completion");
    long t2 = System.nanoTime();

    AtlasFrameRenderer renderer = renderer(cache);
    float[] stylized =
        render(renderer, decomposition, atlas, new RenderParams("composite", 1), W, H);
    float[] unstylized =
        render(renderer, decomposition, atlas, new RenderParams("composite", 0), W, H);
    float[] source = rgba(synthetic.clip().frame(T));
    Matte matte = synthetic.clip().matte(T);
    double inside = meanDiff(stylized, unstylized, matte, true);
    double outsideSource = meanDiff(stylized, source, matte, false);
    LOG.info(
        "decompose {} s, stylize {} s; |stylized - unstylized| inside {}; |stylized - source| outside {}",
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        inside,
        outsideSource);
    assertTrue(inside > 5e-4, "the stylization changed the object: " + inside);
    assertTrue(
        java.util.Arrays.equals(source, unstylized),
        "strength 0 gives the request's pixels back, bit for bit");
    assertTrue(
        java.util.Arrays.equals(
            source, render(renderer, decomposition, atlas, new RenderParams("original", 1), W, H)),
        "original is the request's pixels");
    assertTrue(outsideSource < 0.05, "composite background is the source: " + outsideSource);
    float[] alpha = render(renderer, decomposition, atlas, new RenderParams("matte", 1), W, H);
    int transparent = 0;
    for (int p = 0; p < W * H; p++) {
      assertEquals(1f, stylized[p * 4 + 3], "composite is opaque");
      if (alpha[p * 4] < 0.01f) {
        transparent++;
        for (int c = 0; c < 3; c++) {
          assertEquals(
              source[p * 4 + c],
              stylized[p * 4 + c],
              0.01f,
              "where α < 0.01 the composite is the source");
        }
        if (alpha[p * 4] < 1f / 512) {
          assertEquals(
              Float.floatToRawIntBits(source[p * 4]),
              Float.floatToRawIntBits(stylized[p * 4]),
              "where α is invisible the composite is the request's pixel, bit for bit");
        }
      }
    }
    assertTrue(
        transparent > W * H / 4,
        "α is near 0 on much of the background: " + transparent + " pixels");

    float[] large =
        render(renderer, decomposition, atlas, new RenderParams("foreground", 1), 96, 54);
    float[] again =
        render(renderer, decomposition, atlas, new RenderParams("foreground", 1), 96, 54);
    assertTrue(java.util.Arrays.equals(large, again), "maps at 96x54 evaluated once and reused");
    assertEquals(
        1,
        renderer.evaluations(),
        "frame " + T + " at 96x54 evaluated once; the second render from memory");
    for (float v : large) {
      assertTrue(v >= 0 && v <= 1, "straight RGBA in [0, 1]: " + v);
    }
    int frames = renderAllFrames(renderer, decomposition, atlas);
    assertEquals(
        frames,
        renderer.evaluations(),
        "each frame's edge pixels evaluated once, then the clip's entry");
    outputSizeMapsSurviveARestart(cache, decomposition, atlas, large);
    parallelRendersGiveTheSerialPixels(cache, decomposition, atlas, frames);
  }

  /**
   * Every frame rendered at a new size by several threads at once (as the host renders concurrent
   * requests: the edge pixels of different frames evaluated concurrently, then composited) gives
   * the pixels of the same frames rendered one after the other by another renderer.
   */
  private static void parallelRendersGiveTheSerialPixels(
      ContentCache cache, CacheEntry decomposition, CacheEntry atlas, int frames) throws Exception {
    int w = 80;
    int h = 45;
    RenderParams composite = new RenderParams("composite", 0.8);
    AtlasFrameRenderer parallel = renderer(cache);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<float[]>> futures = new ArrayList<>();
    try {
      for (int round = 0; round < 2; round++) {
        for (int t = 0; t < frames; t++) {
          int frame = t;
          futures.add(
              pool.submit(() -> render(parallel, decomposition, atlas, frame, composite, w, h)));
        }
      }
      AtlasFrameRenderer serial = renderer(new ContentCache(dir.resolve("serial-cache"), 1L << 30));
      for (int i = 0; i < futures.size(); i++) {
        int t = i % frames;
        assertArrayEquals(
            render(serial, decomposition, atlas, t, composite, w, h),
            futures.get(i).get(),
            "frame " + t + " rendered concurrently, round " + i / frames);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(
        parallel.evaluations() >= frames,
        "the concurrent renders evaluated the new size's edge pixels: " + parallel.evaluations());
  }

  /**
   * Renders every frame at 96x54 (which completes the clip's maps entry at that size); the clip's
   * length.
   */
  private static int renderAllFrames(
      AtlasFrameRenderer renderer, CacheEntry decomposition, CacheEntry atlas) throws Exception {
    int frames = 0;
    for (int t = 0; ; t++) {
      try {
        render(renderer, decomposition, atlas, t, new RenderParams("foreground", 1), 96, 54);
        frames++;
      } catch (org.styleatlas.engine.InputException e) {
        return frames;
      }
    }
  }

  /**
   * A second renderer on the same cache (a restarted host) reads the 96x54 maps the first one
   * stored; a corrupted entry is dropped with a WARN and evaluated again.
   */
  private static void outputSizeMapsSurviveARestart(
      ContentCache cache, CacheEntry decomposition, CacheEntry atlas, float[] first)
      throws Exception {
    RenderParams foreground = new RenderParams("foreground", 1);
    AtlasFrameRenderer restarted = renderer(cache);
    assertTrue(
        java.util.Arrays.equals(first, render(restarted, decomposition, atlas, foreground, 96, 54)),
        "the restarted renderer gives identical pixels");
    assertEquals(
        0, restarted.evaluations(), "the restarted renderer read the maps from the cache entry");

    Path uv =
        cache
            .root()
            .resolve(MapStore.KIND)
            .resolve(MapStore.key(decomposition.key(), 96, 54).hash())
            .resolve(MapStore.EXACT);
    byte[] bytes = Files.readAllBytes(uv);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(uv, bytes);
    ContentCache reopened = new ContentCache(cache.root(), 1L << 30);
    AtlasFrameRenderer afterCorruption = renderer(reopened);
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ContentCache.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
        new ch.qos.logback.core.read.ListAppender<>();
    events.start();
    log.addAppender(events);
    float[] reevaluated;
    try {
      reevaluated = render(afterCorruption, decomposition, atlas, foreground, 96, 54);
      renderAllFrames(afterCorruption, decomposition, atlas);
    } finally {
      log.detachAppender(events);
    }
    assertTrue(
        events.list.stream()
            .anyMatch(
                e ->
                    e.getLevel() == ch.qos.logback.classic.Level.WARN
                        && e.getFormattedMessage().contains("corrupt")),
        "a WARN names the corrupt entry: " + events.list);
    assertTrue(
        afterCorruption.evaluations() > 1, "the corrupt entry's frames were evaluated again");
    assertTrue(
        java.util.Arrays.equals(first, reevaluated), "re-evaluated maps give the same pixels");
    assertTrue(
        reopened.find(MapStore.key(decomposition.key(), 96, 54)).isPresent(), "and stored again");
  }

  private static AtlasFrameRenderer renderer(ContentCache cache) {
    return (AtlasFrameRenderer) runners.renderer(cache).orElseThrow();
  }

  @Test
  void cancellingMidRunPropagatesAndLeavesNoOutput() throws Exception {
    ContentCache cache = new ContentCache(dir.resolve("cancel"), 1L << 30);
    JobSpec decompose = decompose(collect(cache, true));
    FakeJobContext ctx =
        new FakeJobContext(
            decompose, cache, Files.createDirectories(dir.resolve("cp-c")), 20, runners.keys());
    JobStoppedException e = assertThrows(JobStoppedException.class, () -> run(decompose, ctx));
    assertEquals(JobStoppedException.Reason.CANCELLED, e.reason());
    assertTrue(cache.find(runners.keys().decomposition(decompose)).isEmpty(), "no output entry");
    assertEquals(
        20, ctx.checks().get(), "no stop check after the stop: the runner unwound at once");
  }

  @Test
  void aClipWithoutMatteOrAMissingClipModelIsABadInput() throws Exception {
    ContentCache cache = new ContentCache(dir.resolve("bad"), 1L << 30);
    JobSpec noMatte = decompose(collect(cache, false));
    InputException e =
        assertThrows(
            InputException.class,
            () -> run(noMatte, new FakeJobContext(noMatte, cache, dir, 0, runners.keys())));
    assertTrue(
        e.getMessage().contains("no matte") && e.getMessage().contains("matteSource"),
        e.getMessage());

    String previous = System.getProperty(ModelStore.DIR_PROPERTY);
    System.setProperty(
        ModelStore.DIR_PROPERTY, Files.createDirectories(dir.resolve("no-models")).toString());
    try {
      JobRunners named = new JobRunners();
      new AtlasRunners(new PipelineSettings("ViT-B-32", settings.decomposition(), 0, 1L << 20))
          .register(named);
      JobSpec stylize = stylize(collect(cache, true), null);
      cache.getOrCreate(
          named.keys().decomposition(stylize),
          d -> Files.writeString(d.resolve("placeholder"), "x"));
      InputException missing =
          assertThrows(
              InputException.class,
              () ->
                  named
                      .runner(JobKind.STYLIZE)
                      .orElseThrow()
                      .run(new FakeJobContext(stylize, cache, dir, 0, named.keys())));
      assertTrue(missing.getMessage().contains("models fetch ViT-B-32"), missing.getMessage());
      assertTrue(cache.find(named.keys().stylized(stylize)).isEmpty());
    } finally {
      if (previous == null) {
        System.clearProperty(ModelStore.DIR_PROPERTY);
      } else {
        System.setProperty(ModelStore.DIR_PROPERTY, previous);
      }
    }
  }

  private static float[] render(
      AtlasFrameRenderer renderer, CacheEntry d, CacheEntry s, RenderParams r, int w, int h)
      throws Exception {
    return render(renderer, d, s, T, r, w, h);
  }

  private static float[] render(
      AtlasFrameRenderer renderer,
      CacheEntry d,
      CacheEntry s,
      int frame,
      RenderParams r,
      int w,
      int h)
      throws Exception {
    FloatBuffer out = FloatBuffer.allocate(w * h * 4);
    FloatBuffer source =
        w == W && h == H
            ? FloatBuffer.wrap(rgba(synthetic.clip().frame(frame)))
            : FloatBuffer.allocate(w * h * 4);
    renderer.render(d, s, frame, r, w, h, source, out);
    assertFalse(out.hasRemaining(), "every pixel written");
    return out.array();
  }

  /**
   * Mean absolute RGB difference over the object's pixels (matte > ½) or the background's (matte =
   * 0).
   */
  private static double meanDiff(float[] a, float[] b, Matte matte, boolean object) {
    double sum = 0;
    int n = 0;
    for (int p = 0; p < W * H; p++) {
      float m = matte.values()[p];
      if (object ? m > 0.5f : m == 0f) {
        for (int c = 0; c < 3; c++) {
          sum += Math.abs(a[p * 4 + c] - b[p * 4 + c]);
        }
        n++;
      }
    }
    return sum / (3.0 * n);
  }

  private static float[] rgba(Frame f) {
    Frame rgb = f.rgb();
    float[] out = new float[W * H * 4];
    for (int p = 0; p < W * H; p++) {
      System.arraycopy(rgb.pixels(), p * 3, out, p * 4, 3);
      out[p * 4 + 3] = 1f;
    }
    return out;
  }

  private static ByteBuffer bytes(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.nativeOrder());
    b.asFloatBuffer().put(values);
    return b;
  }
}
