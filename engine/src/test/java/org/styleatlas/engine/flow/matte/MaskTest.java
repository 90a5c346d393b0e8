package org.styleatlas.engine.flow.matte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The box matte's mask clean-up and morphology. */
class MaskTest {

  @Test
  void cleanUpKeepsTheLargestComponentsAndFillsItsHoles() {
    Mask ring =
        Mask.of(new PixelBox(10, 10, 30, 30), 64, 40)
            .minus(Mask.of(new PixelBox(15, 15, 25, 25), 64, 40));
    Mask speck = Mask.of(new PixelBox(50, 5, 52, 7), 64, 40);
    Mask big = Mask.of(new PixelBox(40, 20, 56, 36), 64, 40);
    Mask cleaned = ring.union(speck).union(big).cleaned(0.25);
    assertTrue(cleaned.get(20, 20), "the hole of the ring is filled");
    assertFalse(cleaned.get(50, 5), "a speck under a quarter of the largest component goes");
    assertTrue(cleaned.get(45, 25), "a component as large as the largest stays");
    assertEquals(20 * 20 + 16 * 16, cleaned.area());
  }

  @Test
  void aBackgroundRegionTouchingTheEdgeIsNotAHole() {
    Mask u =
        Mask.of(new PixelBox(0, 0, 20, 40), 64, 40)
            .minus(Mask.of(new PixelBox(5, 0, 15, 30), 64, 40));
    assertFalse(u.cleaned(0.25).get(10, 10));
  }

  @Test
  void erosionAndDilationAreByADisc() {
    Mask box = Mask.of(new PixelBox(10, 10, 30, 30), 64, 40);
    assertEquals(new PixelBox(12, 12, 28, 28), box.eroded(2).bounds().orElseThrow());
    assertEquals(new PixelBox(7, 7, 33, 33), box.dilated(3).bounds().orElseThrow());
    assertFalse(box.dilated(3).get(7, 7), "a disc does not fill the corner");
  }

  @Test
  void theFlowCarriesTheMaskToTheNextFrame() {
    Mask box = Mask.of(new PixelBox(10, 10, 20, 20), 64, 40);
    float[] flow = new float[64 * 40 * 2];
    for (int p = 0; p < 64 * 40; p++) {
      flow[2 * p] = -5f;
    }
    assertEquals(new PixelBox(15, 10, 25, 20), FlowWarp.warp(box, flow).bounds().orElseThrow());
  }
}
