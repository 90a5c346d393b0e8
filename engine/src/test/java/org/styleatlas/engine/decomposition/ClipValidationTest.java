package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

class ClipValidationTest {

  @Test
  void zeroFramesAreRejected() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> ClipValidation.check("clip.mp4", 24, List.of(), Optional.empty()));
    assertTrue(
        e.getMessage().contains("clip.mp4") && e.getMessage().contains("no frames"),
        e.getMessage());
  }

  @Test
  void matteOfAnotherSizeIsRejected() {
    List<Frame> frames = List.of(Frame.blank(16, 8, 3));
    List<Matte> mattes = List.of(new Matte(8, 8, new float[64]));
    InputException e =
        assertThrows(
            InputException.class,
            () -> ClipValidation.check("shot", 24, frames, Optional.of(mattes)));
    assertTrue(
        e.getMessage().contains("matte frame 0 is 8x8 but the clip is 16x8"), e.getMessage());
  }

  @Test
  void nanPixelsAreRejectedWithTheirPosition() {
    Frame f = Frame.blank(16, 8, 3);
    f.pixels()[(2 * 16 + 5) * 3 + 1] = Float.NaN;
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                ClipValidation.check(
                    "shot", 24, List.of(Frame.blank(16, 8, 3), f), Optional.empty()));
    assertTrue(
        e.getMessage().contains("frame 1") && e.getMessage().contains("(5, 2)"), e.getMessage());
  }

  @Test
  void unknownModeIsRejected() {
    InputException e = assertThrows(InputException.class, () -> DecompositionConfig.of("turbo"));
    assertTrue(
        e.getMessage().contains("turbo") && e.getMessage().contains("fast, faithful"),
        e.getMessage());
  }
}
