package org.styleatlas.engine.flow.matte;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The motion cue: what departs from the background's homography. */
class BackgroundMotionTest {

  @Test
  void aRegionMovingAgainstThePanStandsOut() {
    int w = 96;
    int h = 64;
    PixelBox object = new PixelBox(30, 20, 50, 40);
    float[] flow = new float[w * h * 2];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        boolean in = object.contains(x, y);
        flow[2 * p] = in ? -2f : 3f + 0.01f * x;
        flow[2 * p + 1] = in ? 1f : 0.5f;
      }
    }
    Mask excluded = Mask.of(object, w, h).dilated(4);
    float[] r = BackgroundMotion.residual(flow, excluded).orElseThrow();
    assertTrue(r[30 * w + 40] > 4, "inside the object: " + r[30 * w + 40]);
    assertTrue(r[5 * w + 80] < 0.05, "the background fits a homography: " + r[5 * w + 80]);
    assertTrue(BackgroundMotion.backgroundMedian(r, excluded) < 0.05);
  }

  @Test
  void tooLittleBackgroundGivesNoCue() {
    Mask all = Mask.of(new PixelBox(0, 0, 32, 32), 32, 32);
    assertTrue(BackgroundMotion.residual(new float[32 * 32 * 2], all).isEmpty());
  }
}
