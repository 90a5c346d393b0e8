package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.loss.TargetEmbeddings;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.view.ViewBatch;
import org.styleatlas.engine.stylize.view.ViewSampler;
import org.styleatlas.engine.stylize.view.ViewSpec;

class AtlasPassTest {
  private static final int PICK_SEED = 5;

  /**
   * The faithful atlas (an MLP) and a background texture atlas, both trained: the gradients of
   * every parameter, through the chunked two-stage path (chunks of 500 points) and through the
   * atlases' own chunk sizes (this small batch fits one graph: the direct path), match one autograd
   * graph over all points, within 1e-5 relative.
   */
  @ParameterizedTest
  @ValueSource(ints = {500, AtlasPass.ATLAS_CHUNKS})
  void chunkedGradientsEqualTheSingleGraphGradients(int chunk) {
    assertChunkedMatchesOneGraph(new FaithfulAndCacheTest.MlpScene(), chunk);
  }

  /**
   * Builds two copies of the scene's editing atlases (foreground faithful, background fast), takes
   * the gradients of one step through one graph and through {@link AtlasPass} with chunks of {@code
   * chunk} points, and asserts they match within 1e-5 relative per parameter.
   */
  static void assertChunkedMatchesOneGraph(EditableScene scene, int chunk) {
    StylizeConfig cfg =
        EditingAtlasTrainerTest.tiny(1)
            .withAtlasMode(AtlasMode.FAITHFUL)
            .withBackgroundStylization(true);
    int[] frames = {0, 1, scene.frameCount() - 1};
    ViewBatch batch = batch(scene, cfg, frames);
    Engine engine = DjlRuntime.engine();
    StepObjective objective = new StepObjective(cfg, Optional.empty());
    try (ToyColourEncoder toy = new ToyColourEncoder();
        NDManager manager = engine.newBaseManager();
        EditingAtlas fgSingle = scene.editingAtlas(manager, AtlasMode.FAITHFUL);
        EditingAtlas bgSingle = scene.backgroundAtlas(manager, AtlasMode.FAITHFUL);
        EditingAtlas fgChunked = scene.editingAtlas(manager, AtlasMode.FAITHFUL);
        EditingAtlas bgChunked = scene.backgroundAtlas(manager, AtlasMode.FAITHFUL)) {
      TargetEmbeddings targets =
          TargetEmbeddings.encode(
              manager, toy, StyleTarget.text("red"), cfg.prefixes(), cfg.views().localScale(), 0);
      double singleLoss;
      try (NDManager step = manager.newSubManager();
          GradientCollector gc = engine.newGradientCollector()) {
        StepObjective.Inputs in =
            new StepObjective.Inputs(
                toy, batch, frames, targets.pick(step, new SplittableRandom(PICK_SEED)));
        StepObjective.Value v =
            objective.evaluate(
                step,
                in,
                fgSingle.colours(batch.uvArray(step)),
                bgSingle.colours(batch.backgroundUvArray(step)));
        gc.backward(v.loss());
        singleLoss = v.loss().getFloat();
      }
      double chunkedLoss;
      assertTrue(
          batch.points() > 2000 && batch.points() % 500 != 0,
          "in chunks of 500: several, the last one partial: " + batch.points());
      try (NDManager step = manager.newSubManager()) {
        StepObjective.Inputs in =
            new StepObjective.Inputs(
                toy, batch, frames, targets.pick(step, new SplittableRandom(PICK_SEED)));
        StepObjective.Value v =
            new AtlasPass(engine, chunk)
                .run(
                    step,
                    List.of(
                        new AtlasPass.Layer(fgChunked, batch.uv()),
                        new AtlasPass.Layer(bgChunked, batch.backgroundUv())),
                    (m, colours) -> objective.evaluate(m, in, colours.get(0), colours.get(1)));
        chunkedLoss = v.loss().getFloat();
      }
      assertEquals(singleLoss, chunkedLoss, 1e-6 * Math.abs(singleLoss), "same objective value");
      assertSameGradients(fgSingle, fgChunked);
      assertSameGradients(bgSingle, bgChunked);
    }
  }

  private static void assertSameGradients(EditingAtlas single, EditingAtlas chunked) {
    List<Pair<String, NDArray>> a = single.trainable().stream().toList();
    List<Pair<String, NDArray>> b = chunked.trainable().stream().toList();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      float[] ga;
      float[] gb;
      try (NDArray x = a.get(i).getValue().getGradient();
          NDArray y = b.get(i).getValue().getGradient()) {
        ga = x.toFloatArray();
        gb = y.toFloatArray();
      }
      double diff = 0;
      double norm = 0;
      for (int k = 0; k < ga.length; k++) {
        diff += (ga[k] - gb[k]) * (double) (ga[k] - gb[k]);
        norm += ga[k] * (double) ga[k];
      }
      String name = a.get(i).getKey();
      assertTrue(norm > 0, name + ": the objective reaches this parameter");
      assertTrue(
          Math.sqrt(diff) <= 1e-5 * Math.sqrt(norm),
          name + ": relative gradient difference " + Math.sqrt(diff / norm));
    }
  }

  /** Views of three frames, sampled with a fixed seed, over the scene's working-resolution maps. */
  private static ViewBatch batch(EditableScene scene, StylizeConfig cfg, int[] frames) {
    ViewSampler sampler = new ViewSampler(cfg.views());
    SplittableRandom rnd = new SplittableRandom(3);
    List<ViewSpec> views = new ArrayList<>();
    for (int t : frames) {
      FrameLayerMaps m = scene.maps().maps(t, scene.width(), scene.height());
      views.addAll(sampler.sample(t, m.alpha(), m.width(), m.height(), rnd));
    }
    return ViewBatch.of(
        views,
        cfg.views().resolution(),
        new ViewBatch.FrameData() {
          @Override
          public FrameLayerMaps maps(int t) {
            return scene.maps().maps(t, scene.width(), scene.height());
          }

          @Override
          public float[] background(int t) {
            return scene.backgroundColours(t);
          }
        });
  }
}
