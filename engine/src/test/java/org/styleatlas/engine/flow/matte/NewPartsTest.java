package org.styleatlas.engine.flow.matte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The pixels near the warped matte that move on their own (a part of the object coming into view),
 * on a generated flow: the camera pans, the object moves against it.
 */
class NewPartsTest {
  private static final int W = 96;
  private static final int H = 64;
  private static final PixelBox OBJECT = new PixelBox(30, 20, 60, 40);
  private static final PixelBox FAR_MOVER = new PixelBox(82, 50, 94, 62);

  private static float[] flow() {
    float[] f = new float[W * H * 2];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int p = y * W + x;
        boolean own = OBJECT.contains(x, y) || FAR_MOVER.contains(x, y);
        f[2 * p] = own ? -2f : 3f;
        f[2 * p + 1] = own ? 1f : 0.2f;
      }
    }
    return f;
  }

  @Test
  void thePartOfTheObjectTheMatteMissedIsUndecidedAndNothingElse() {
    Mask warped = Mask.of(new PixelBox(30, 20, 45, 40), W, H);
    Mask parts = GrabCutTracker.newParts(flow(), warped, 20, 1.0);
    assertTrue(parts.get(55, 30), "the object's right half, 10 px from the matte");
    assertFalse(parts.get(20, 30), "the background moves with the pan");
    assertFalse(parts.get(88, 56), "a mover beyond the reach");
    assertTrue(parts.minus(Mask.of(OBJECT, W, H)).area() < 0.05 * parts.area(), "only the object");
  }

  @Test
  void noReachFreesNothing() {
    Mask warped = Mask.of(new PixelBox(30, 20, 45, 40), W, H);
    assertEquals(0, GrabCutTracker.newParts(flow(), warped, 0, 1.0).area());
  }
}
