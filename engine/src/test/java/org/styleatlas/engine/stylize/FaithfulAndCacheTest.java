package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.LayerMapSource;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.atlas.BlockEditingAtlas;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;

class FaithfulAndCacheTest {
  static final SyntheticScene SCENE =
      new SyntheticScene(
          SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(48, 27, 4)),
          16);

  /**
   * The synthetic scene with a small MLP (uv → rgb) as its atlas network, for the faithful path.
   */
  static final class MlpScene implements EditableScene {
    @Override
    public LayerMapSource maps() {
      return SCENE.maps();
    }

    @Override
    public Frame frame(int t) {
      return SCENE.frame(t);
    }

    @Override
    public float[] backgroundColours(int t) {
      return SCENE.backgroundColours(t);
    }

    @Override
    public AtlasSet atlases() {
      return SCENE.atlases();
    }

    @Override
    public EditingAtlas editingAtlas(NDManager manager, AtlasMode mode) {
      NDManager own = manager.newSubManager();
      SequentialBlock mlp =
          new SequentialBlock()
              .add(Linear.builder().setUnits(32).build())
              .add(Activation::relu)
              .add(Linear.builder().setUnits(3).build())
              .add(Activation::sigmoid);
      ai.djl.engine.Engine.getInstance().setRandomSeed(42);
      mlp.initialize(own, DataType.FLOAT32, new Shape(1, 2));
      return new BlockEditingAtlas(own, mlp);
    }

    @Override
    public EditingAtlas backgroundAtlas(NDManager manager, AtlasMode mode) {
      return SCENE.backgroundAtlas(manager, AtlasMode.FAST);
    }

    @Override
    public String identity() {
      return "mlp:" + SCENE.identity();
    }
  }

  @Test
  void faithfulModeFineTunesTheAtlasNetwork() {
    StylizeConfig cfg = EditingAtlasTrainerTest.tiny(4).withAtlasMode(AtlasMode.FAITHFUL);
    cfg = cfg.withSchedule(cfg.schedule().withLearningRate(0.05));
    MlpScene scene = new MlpScene();
    try (ToyColourEncoder toy = new ToyColourEncoder();
        NDManager m = ai.djl.engine.Engine.getInstance().newBaseManager();
        EditingAtlas initial = scene.editingAtlas(m, AtlasMode.FAITHFUL);
        EditingAtlas again = scene.editingAtlas(m, AtlasMode.FAITHFUL)) {
      float[] before = initial.discretize(SCENE.atlases().foreground()).rgb();
      assertArrayEquals(
          before, again.discretize(SCENE.atlases().foreground()).rgb(), 0f, "copies start equal");
      StylizationResult r =
          new EditingAtlasTrainer(cfg)
              .run(scene, toy, StyleTarget.text("green"), ProgressSink.NONE, () -> false);
      assertEquals(4, r.history().size());
      assertTrue(r.history().stream().allMatch(v -> Double.isFinite(v.total())));
      assertEquals(before.length, r.foreground().rgb().length);
      assertFalse(Arrays.equals(before, r.foreground().rgb()), "the network's weights moved");
    }
  }

  @Test
  void aSecondRunWithTheSamePromptIsACacheHitAndAnotherPromptIsNot(@TempDir Path dir)
      throws Exception {
    StylizedAtlasCache cache = new StylizedAtlasCache(new ContentCache(dir, 1L << 30));
    StylizeConfig cfg = EditingAtlasTrainerTest.tiny(2);
    AtomicInteger runs = new AtomicInteger();
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      StylizationResult[] results = new StylizationResult[3];
      String[] prompts = {"red", "red", "blue"};
      for (int i = 0; i < 3; i++) {
        StyleTarget target = StyleTarget.text(prompts[i]);
        CacheKey key = StylizedAtlasCache.key(SCENE.identity(), "toy", target, cfg);
        results[i] =
            cache.getOrRun(
                key,
                SCENE,
                () -> {
                  runs.incrementAndGet();
                  return new EditingAtlasTrainer(cfg)
                      .run(SCENE, toy, target, ProgressSink.NONE, () -> false);
                });
      }
      assertEquals(2, runs.get(), "red once, blue once");
      assertArrayEquals(results[0].foreground().rgb(), results[1].foreground().rgb(), 0f);
      assertEquals(results[0].history(), results[1].history());
      assertEquals(SCENE.atlases().foreground().extent(), results[1].foreground().extent());
    }
  }
}
