package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;

/** A style image as the only target, and background stylization, with the toy colour encoder. */
class BeyondThePaperTest {
  private static final SyntheticScene SCENE =
      new SyntheticScene(
          SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(64, 36, 6)),
          32);

  private static double meanBlueness(AtlasTexture t) {
    double sum = 0;
    for (int p = 0; p < t.width() * t.height(); p++) {
      sum += t.rgb()[p * 3 + 2] - 0.5 * (t.rgb()[p * 3] + t.rgb()[p * 3 + 1]);
    }
    return sum / (t.width() * t.height());
  }

  @Test
  void aBlueStyleImageAloneTurnsTheObjectBlue() {
    float[] px = new float[40 * 30 * 3];
    for (int p = 0; p < 40 * 30; p++) {
      px[p * 3] = 0.1f;
      px[p * 3 + 1] = 0.2f + 0.2f * (p % 7) / 7f;
      px[p * 3 + 2] = 0.9f;
    }
    StyleTarget target = new StyleTarget("", null, Optional.of(new Frame(40, 30, 3, px)));
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      StylizationResult r =
          new EditingAtlasTrainer(EditingAtlasTrainerTest.tiny(15))
              .run(SCENE, toy, target, ProgressSink.NONE, () -> false);
      double before = meanBlueness(SCENE.atlases().foreground());
      double after = meanBlueness(r.foreground());
      assertTrue(after > before + 0.1, "object atlas blueness " + before + " → " + after);
      assertTrue(r.background().isEmpty());
    }
  }

  @Test
  void backgroundStylizationEditsTheBackgroundAtlasToo() {
    StylizeConfig cfg = EditingAtlasTrainerTest.tiny(15).withBackgroundStylization(true);
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      StylizationResult r =
          new EditingAtlasTrainer(cfg)
              .run(SCENE, toy, StyleTarget.text("blue"), ProgressSink.NONE, () -> false);
      AtlasTexture bg = r.background().orElseThrow();
      double before = meanBlueness(SCENE.atlases().background());
      double after = meanBlueness(bg);
      assertTrue(after > before + 0.05, "background atlas blueness " + before + " → " + after);
      AtlasSet applied = r.applyTo(SCENE.atlases());
      assertTrue(applied.background() == bg, "the stylized background is rendered");
    }
  }
}
