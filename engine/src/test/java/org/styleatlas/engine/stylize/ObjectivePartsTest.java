package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.loss.GlobalLoss;
import org.styleatlas.engine.stylize.loss.LocalLoss;
import org.styleatlas.engine.stylize.loss.NormSparsityLoss;
import org.styleatlas.engine.stylize.loss.PromptPrefixes;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;
import org.styleatlas.engine.stylize.loss.TemporalLoss;
import org.styleatlas.engine.stylize.view.ViewSpec;

/** The loss formulas, prefixes, schedule and presets against hand-computed values. */
class ObjectivePartsTest {

  @Test
  void lossesMatchTheirFormulas() {
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      NDArray views = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
      NDArray target = m.create(new float[] {1, 0});
      // mean (0.5, 0.5): cos with (1, 0) = 1/√2
      assertEquals(1 - Math.sqrt(0.5), new GlobalLoss().compute(views, target).getFloat(), 1e-6);
      assertEquals(ViewSpec.Kind.LOCAL, new LocalLoss().views());

      NDArray e = m.create(new float[] {1, 0, 0, 1, 1, 0}, new Shape(3, 2));
      // sim(e1, e3) − sim(e1, e2) = 1 − 0 → weighted by g(4)
      double g4 = Math.exp(-16.0 / 50) / (5 * Math.sqrt(2 * Math.PI));
      assertEquals(g4, new TemporalLoss().compute(e, new int[] {2, 4, 6}).getFloat(), 1e-6);
      assertEquals(g4, TemporalLoss.weight(4), 1e-12);
      NDArray near = m.create(new float[] {1, 0, 1, 0, 0, 1}, new Shape(3, 2));
      assertEquals(0, new TemporalLoss().compute(near, new int[] {0, 1, 2}).getFloat(), 0, "hinge");

      NDArray cf = m.create(new float[] {3, 4, 0, 1, 1, 1}, new Shape(2, 3));
      NDArray w = m.create(new float[] {0.5f, 0}, new Shape(2, 1));
      assertEquals((2.5 + 0) / 2, new NormSparsityLoss().compute(cf, w).getFloat(), 1e-5);
    }
  }

  @Test
  void prefixesFollowThePaperAndText2Live() {
    assertEquals(8, PromptPrefixes.PAPER.size());
    assertEquals(14, PromptPrefixes.TEXT2LIVE.size());
    assertEquals(
        List.of("a photo of a swan", "a swan", "an image of a swan", "the swan"),
        PromptPrefixes.of(PromptPrefixes.Source.PAPER, 4).all("swan"));
    assertEquals(List.of("swan"), PromptPrefixes.of(PromptPrefixes.Source.PAPER, 0).all(" swan "));
    Set<String> seen = new HashSet<>();
    SplittableRandom rnd = new SplittableRandom(0);
    PromptPrefixes eight = PromptPrefixes.of(PromptPrefixes.Source.PAPER, 8);
    for (int i = 0; i < 400; i++) {
      seen.add(eight.sample("gold", rnd));
    }
    assertEquals(8, seen.size());
    assertThrows(IllegalArgumentException.class, () -> new PromptPrefixes(List.of("no slot")));
  }

  @Test
  void scheduleAndPresetsAreThePapers() {
    StylizeSchedule s = StylizeSchedule.paper(1e-4);
    assertEquals(2000, s.iterations());
    assertEquals(3, s.framesPerIteration());
    assertEquals(1e-4, s.learningRateAt(199), 1e-12);
    assertEquals(0.9e-4, s.learningRateAt(200), 1e-12);
    assertEquals(1e-4 * Math.pow(0.9, 9), s.learningRateAt(1999), 1e-12);
    StylizeConfig standard = StylizeConfig.preset(StylizeConfig.Preset.STANDARD);
    assertEquals(AtlasMode.FAITHFUL, standard.atlasMode());
    assertEquals(1.0, standard.losses().global());
    assertEquals(1.0, standard.losses().local());
    assertTrue(!standard.losses().enabled(StylizeLossTerm.STRUCTURE));
    assertEquals(0.9, standard.views().globalScale().min());
    assertEquals(0.5, standard.views().localScale().max());
    assertEquals(
        StylizeConfig.FAST_LEARNING_RATE,
        standard.withAtlasMode(AtlasMode.FAST).schedule().learningRate());
    assertThrows(
        IllegalArgumentException.class,
        () -> standard.withPrefixes(PromptPrefixes.Source.PAPER, 3));
    assertThrows(
        org.styleatlas.engine.InputException.class, () -> StylizeConfig.Preset.parse("ultra"));
  }

  @Test
  void framesAreDistinctSortedAndUniform() {
    SplittableRandom rnd = new SplittableRandom(5);
    int[] counts = new int[10];
    for (int i = 0; i < 3000; i++) {
      int[] f = EditingAtlasTrainer.sampleFrames(10, 3, rnd);
      assertTrue(f[0] < f[1] && f[1] < f[2]);
      for (int t : f) {
        counts[t]++;
      }
    }
    for (int c : counts) {
      assertEquals(900, c, 120);
    }
    assertEquals(2, EditingAtlasTrainer.sampleFrames(2, 3, rnd).length);
  }
}
