package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.render.ClipRenderer;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;
import org.styleatlas.engine.render.ImageMetrics;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;

/**
 * Stylization and rendering on a learned decomposition (a short fast-mode run on the generated
 * clip).
 */
class DecompositionSceneTest {
  private static final Logger LOG = LoggerFactory.getLogger(DecompositionSceneTest.class);

  @TempDir static Path cacheDir;
  static SyntheticClip synthetic;
  static DecompositionScene scene;
  static ContentCache cache;
  static DecompositionConfig config;

  @BeforeAll
  static void decompose() throws Exception {
    synthetic =
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(48, 27, 3));
    cache = new ContentCache(cacheDir, 1L << 30);
    DecompositionConfig fast = DecompositionConfig.fast();
    config =
        fast.withSchedule(
                new org.styleatlas.engine.decomposition.config.DecompositionSchedule(
                    60, 20, 512, 1, 50))
            .withAtlasResolution(64);
    Decomposition d =
        DecompositionJob.builder()
            .setClip(synthetic.clip())
            .setConfig(config)
            .optCache(cache)
            .build()
            .run();
    LOG.info("decomposition PSNR {} dB", d.report().meanPsnr());
    scene = new DecompositionScene(d, synthetic.clip(), ProgressSink.NONE);
  }

  @AfterAll
  static void close() {
    if (scene != null) {
      scene.close();
    }
  }

  @Test
  void mapsAtAnyResolutionBackgroundAndAtlasesComeFromTheDecomposition() {
    FrameLayerMaps working = scene.maps(2, 48, 27);
    FrameLayerMaps large = scene.maps(2, 128, 72);
    assertEquals(128 * 72, large.pixels());
    assertTrue(large.alpha() == scene.maps(2, 128, 72).alpha(), "evaluated once per resolution");
    float[] cb = scene.backgroundColours(2);
    assertEquals(48 * 27 * 3, cb.length);
    try (FrameRenderer r = new FrameRenderer(2)) {
      Frame recon =
          r.render(
              working,
              null,
              scene.atlases().foreground(),
              scene.atlases().background(),
              OutputMode.RECONSTRUCTION);
      double psnr = ImageMetrics.psnr(recon, synthetic.clip().frame(2));
      // the atlases alone (the networks' background residual is not in any atlas)
      double networks = scene.decomposition().report().frameQuality().get(2).atlasPsnr();
      LOG.info(
          "reconstruction from the discretized atlases: {} dB, from the networks: {} dB",
          psnr,
          networks);
      assertTrue(
          psnr > networks - 3,
          "discretized atlases at their uv extent reconstruct like the networks: "
              + psnr
              + " vs "
              + networks
              + " dB");
      Frame composite =
          r.render(
              large,
              synthetic.clip().frame(2),
              scene.atlases().foreground(),
              null,
              OutputMode.COMPOSITE);
      assertEquals(128, composite.width());
    }
  }

  /**
   * Every frame in reconstruction mode at 80x44 (the scene is not closed: it shares the
   * decomposition).
   */
  private static List<Frame> render(DecompositionScene s) throws Exception {
    List<Frame> frames = new ArrayList<>();
    new ClipRenderer(s.maps(), s.atlases())
        .render(
            s::frame,
            new RenderSettings(OutputMode.RECONSTRUCTION, 1f, 80, 44, 2),
            ProgressSink.NONE,
            (t, f) -> frames.add(f));
    return frames;
  }

  /** The hash-grid atlas network: the chunked two-stage gradients match one graph's. */
  @Test
  void chunkedGradientsThroughTheHashGridAtlasMatchOneGraph() {
    AtlasPassTest.assertChunkedMatchesOneGraph(scene, 1000);
  }

  /**
   * Cancelled at iteration 2 and resumed from its checkpoint, chunked: the same run as an
   * uninterrupted one.
   */
  @Test
  void aFaithfulRunResumesFromItsCheckpointAsIfUninterrupted(@TempDir Path dir) {
    StylizeConfig tiny = EditingAtlasTrainerTest.tiny(4).withAtlasMode(AtlasMode.FAITHFUL);
    StylizeConfig cfg = tiny.withSchedule(tiny.schedule().withLearningRate(1e-3));
    Path file = dir.resolve("checkpoint.bin");
    StyleTarget red = StyleTarget.text("red");
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      StylizationResult straight =
          new EditingAtlasTrainer(cfg, Optional.empty(), 1000)
              .run(scene, toy, red, ProgressSink.NONE, () -> false);
      AtomicInteger polls = new AtomicInteger();
      assertThrows(
          CancellationException.class,
          () ->
              new EditingAtlasTrainer(cfg, Optional.empty(), 1000)
                  .run(
                      scene,
                      toy,
                      red,
                      ProgressSink.NONE,
                      () -> polls.incrementAndGet() > 2,
                      Optional.of(file)));
      AtomicInteger resumedSteps = new AtomicInteger();
      StylizationResult resumed =
          new EditingAtlasTrainer(cfg, Optional.empty(), 1000)
              .run(
                  scene,
                  toy,
                  red,
                  (task, done, total, detail) -> resumedSteps.incrementAndGet(),
                  () -> false,
                  Optional.of(file));
      assertEquals(2, resumedSteps.get(), "resumed at iteration 2");
      for (int i = 0; i < 4; i++) {
        assertEquals(
            straight.history().get(i).total(), resumed.history().get(i).total(), 1e-6, "loss " + i);
      }
      assertArrayEquals(
          straight.foreground().rgb(), resumed.foreground().rgb(), 1e-5f, "stylized atlas");
    }
  }

  @Test
  void faithfulStylizationFineTunesACopyAndLeavesTheDecompositionAlone() throws Exception {
    float[] before = scene.atlases().foreground().rgb().clone();
    StylizeConfig cfg = EditingAtlasTrainerTest.tiny(3).withAtlasMode(AtlasMode.FAITHFUL);
    cfg = cfg.withSchedule(cfg.schedule().withLearningRate(1e-3));
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      StylizationResult r =
          new EditingAtlasTrainer(cfg)
              .run(scene, toy, StyleTarget.text("red"), ProgressSink.NONE, () -> false);
      assertEquals(3, r.history().size());
      assertFalse(Arrays.equals(before, r.foreground().rgb()), "the editing atlas moved");
    }
    assertArrayEquals(
        before, scene.atlases().foreground().rgb(), 0f, "the decomposition's atlas is untouched");
    try (EditableScene reopened =
        Scenes.open(
            Optional.of(Path.of("unused")),
            Optional.empty(),
            0,
            config,
            cache,
            ProgressSink.NONE)) {
      throw new AssertionError("a missing clip must be refused, got " + reopened);
    } catch (org.styleatlas.engine.InputException expected) {
      assertTrue(expected.getMessage().contains("unused"), expected.getMessage());
    }
  }
}
