package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;
import org.styleatlas.engine.render.FrameResampler;
import org.styleatlas.engine.render.ImageMetrics;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.synthetic.ObjectPose;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;

class EditingAtlasTrainerTest {
  private static SyntheticClip clip;
  private static SyntheticScene scene;

  @BeforeAll
  static void makeScene() {
    clip = SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(64, 36, 8));
    scene = new SyntheticScene(clip, 48);
  }

  static StylizeConfig tiny(int iterations) {
    StylizeConfig draft = StylizeConfig.preset(StylizeConfig.Preset.DRAFT);
    return draft
        .withViews(draft.views().withResolution(24))
        .withSchedule(draft.schedule().withIterations(iterations).withLearningRate(0.03));
  }

  @Test
  void redTurnsTheObjectRedAndLeavesTheBackgroundAndMotionAlone() {
    StylizationResult result;
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      result =
          new EditingAtlasTrainer(tiny(30))
              .run(scene, toy, StyleTarget.text("red"), ProgressSink.NONE, () -> false);
    }
    assertEquals(30, result.history().size());
    double firstLoss = result.history().get(0).global();
    double lastLoss = result.history().get(29).global();
    assertTrue(lastLoss < firstLoss, "global loss falls: " + firstLoss + " → " + lastLoss);

    AtlasSet stylized = result.applyTo(scene.atlases());
    List<Frame> before = new ArrayList<>();
    List<Frame> after = new ArrayList<>();
    List<FrameLayerMaps> maps = new ArrayList<>();
    try (FrameRenderer r = new FrameRenderer(2)) {
      for (int t = 0; t < scene.frameCount(); t++) {
        FrameLayerMaps m = scene.maps(t, 64, 36);
        maps.add(m);
        before.add(
            r.render(m, scene.frame(t), scene.atlases().foreground(), null, OutputMode.COMPOSITE));
        after.add(
            r.render(m, scene.frame(t), stylized.foregroundAt(1), null, OutputMode.COMPOSITE));
      }
    }
    for (int t = 0; t < scene.frameCount(); t++) {
      float[] a = maps.get(t).alpha();
      double redBefore = redness(ImageMetrics.meanColour(before.get(t), a));
      double redAfter = redness(ImageMetrics.meanColour(after.get(t), a));
      assertTrue(
          redAfter > redBefore + 0.15, "frame " + t + ": redness " + redBefore + " → " + redAfter);
      double bgPsnr = ImageMetrics.psnr(after.get(t), scene.frame(t), p -> a[p] < 0.01f);
      assertTrue(bgPsnr >= 40, "frame " + t + ": background PSNR " + bgPsnr);
    }
    double warpStylized = warpingError(after, maps);
    double warpRecon = warpingError(before, maps);
    assertTrue(
        warpStylized <= warpRecon * 1.05 + 1e-5,
        "warping error stylized " + warpStylized + " vs reconstruction " + warpRecon);
  }

  @Test
  void eachLossTermCanBeSwitchedOffAndThenReadsZero() {
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      for (StylizeLossTerm off :
          List.of(
              StylizeLossTerm.GLOBAL,
              StylizeLossTerm.LOCAL,
              StylizeLossTerm.TEMPORAL,
              StylizeLossTerm.SPARSITY)) {
        StylizeConfig cfg = tiny(3);
        cfg = cfg.withLosses(cfg.losses().without(off));
        StylizationResult r =
            new EditingAtlasTrainer(cfg)
                .run(scene, toy, StyleTarget.text("blue"), ProgressSink.NONE, () -> false);
        assertEquals(3, r.history().size(), off + " run completes");
        for (LossValues v : r.history()) {
          assertEquals(0.0, v.term(off), off + " reads 0");
          for (StylizeLossTerm on :
              List.of(StylizeLossTerm.GLOBAL, StylizeLossTerm.LOCAL, StylizeLossTerm.SPARSITY)) {
            if (on != off) {
              assertTrue(v.term(on) > 0, on + " is computed while " + off + " is off");
            }
          }
        }
      }
    }
  }

  /**
   * Whether (x, y) and its 8 neighbours are fully object: the warp is then defined on both sides.
   */
  static boolean interior(FrameLayerMaps m, int x, int y) {
    if (x < 1 || y < 1 || x >= m.width() - 1 || y >= m.height() - 1) {
      return false;
    }
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        if (m.alpha()[(y + dy) * m.width() + x + dx] < 1) {
          return false;
        }
      }
    }
    return true;
  }

  static double redness(double[] rgb) {
    return rgb[0] - 0.5 * (rgb[1] + rgb[2]);
  }

  /**
   * Mean squared difference between frame t+1 and frame t warped by the exact object motion, over
   * interior object pixels of both frames.
   */
  static double warpingError(List<Frame> frames, List<FrameLayerMaps> maps) {
    double sum = 0;
    long n = 0;
    float[] px = new float[3];
    for (int t = 0; t + 1 < frames.size(); t++) {
      ObjectPose from = clip.poses().get(t);
      ObjectPose to = clip.poses().get(t + 1);
      Frame prev = frames.get(t);
      Frame next = frames.get(t + 1);
      for (int y = 0; y < next.height(); y++) {
        for (int x = 0; x < next.width(); x++) {
          if (!interior(maps.get(t + 1), x, y)) {
            continue;
          }
          double[] uv = to.toObject(x + 0.5, y + 0.5);
          double[] src = from.toPixel(uv[0], uv[1]);
          int sx = (int) src[0];
          int sy = (int) src[1];
          if (!interior(maps.get(t), sx, sy)) {
            continue;
          }
          FrameResampler.sample(
              prev.pixels(), prev.width(), prev.height(), 3, (float) src[0], (float) src[1], px, 0);
          for (int c = 0; c < 3; c++) {
            double d = px[c] - next.pixels()[(y * next.width() + x) * 3 + c];
            sum += d * d;
          }
          n += 3;
        }
      }
    }
    return sum / n;
  }
}
