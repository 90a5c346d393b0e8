package org.styleatlas.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.OpacitySource;
import org.styleatlas.engine.jobs.DecomposeSettings;

class OpacityChoiceTest {
  private static final List<Double> BOX = List.of(0.1, 0.1, 0.9, 0.9);

  @Test
  void aGivenMatteRendersAsTheOpacityAndABoxSegmentationDoesNot() {
    DecompositionConfig base = DecompositionConfig.fast();
    assertEquals(OpacitySource.LEARNED, base.opacity());
    for (String exact : List.of("clip", "alpha")) {
      assertEquals(
          OpacitySource.MATTE,
          OpacityChoice.config(base, new DecomposeSettings(exact, BOX)).opacity(),
          exact);
    }
    assertEquals(
        OpacitySource.LEARNED,
        OpacityChoice.config(base, new DecomposeSettings("box", BOX)).opacity());
  }

  @Test
  void theAddressFollowsTheRuleWhicheverConfigTheCallerHolds() {
    DecomposeSettings clip = new DecomposeSettings("clip", BOX);
    DecompositionConfig base = DecompositionConfig.fast();
    assertEquals(
        ArtifactRecipe.decomposition("c", clip, base, 384),
        ArtifactRecipe.decomposition("c", clip, base.withOpacity(OpacitySource.MATTE), 384),
        "the CLI and the host meet at one address");
    DecomposeSettings box = new DecomposeSettings("box", BOX);
    assertNotEquals(
        ArtifactRecipe.decomposition("c", box, base, 384),
        ArtifactRecipe.decomposition("c", box, base.withOpacity(OpacitySource.MATTE), 384),
        "a box clip's address still tells the opacities apart");
  }
}
