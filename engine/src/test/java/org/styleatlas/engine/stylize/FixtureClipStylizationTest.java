package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.StructureLoss;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Frame;

/**
 * A few iterations through the committed TorchScript fixture CLIP: the real encoder path, tokens
 * included.
 */
class FixtureClipStylizationTest {

  static Path fixture() throws URISyntaxException {
    return Path.of(
        FixtureClipStylizationTest.class
            .getResource("/org/styleatlas/engine/clipmodel/clip-fixture-openai.pt")
            .toURI());
  }

  @Test
  void stylizesThroughTheTorchScriptModelWithTextImageAndStructure() throws Exception {
    SyntheticScene scene =
        new SyntheticScene(
            SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(64, 36, 5)),
            32);
    StylizeConfig cfg = EditingAtlasTrainerTest.tiny(3);
    cfg =
        cfg.withViews(cfg.views().withCounts(1, 1))
            .withLosses(cfg.losses().with(StylizeLossTerm.STRUCTURE));
    Frame styleImage = scene.frame(0);
    try (ClipModel clip = ClipModel.load(fixture(), Device.cpu())) {
      assertTrue(clip.hasImageTokens());
      StructureLoss structure =
          new StructureLoss(clip::encodeImageTokens, scene.atlases().foreground());
      StylizationResult r =
          new EditingAtlasTrainer(cfg, Optional.of(structure))
              .run(
                  scene,
                  clip,
                  new StyleTarget("a swan made of gold", "gold texture", Optional.of(styleImage)),
                  ProgressSink.NONE,
                  () -> false);
      assertEquals(3, r.history().size());
      for (LossValues v : r.history()) {
        assertTrue(Double.isFinite(v.total()), "finite loss " + v);
        assertTrue(v.global() > 0 && v.local() > 0, "CLIP terms computed " + v);
      }
      assertTrue(
          r.history().get(2).structure() > 0, "structure term computed once the atlas moved");
      assertFalse(
          Arrays.equals(scene.atlases().foreground().rgb(), r.foreground().rgb()),
          "the atlas was edited");
    }
  }
}
