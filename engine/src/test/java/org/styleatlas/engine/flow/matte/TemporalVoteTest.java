package org.styleatlas.engine.flow.matte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.flow.OpticalFlow;

/** The vote over neighbouring frames, on masks of a still object (zero flow). */
class TemporalVoteTest {
  private static final int W = 40;
  private static final int H = 30;
  private static final PixelBox OBJECT = new PixelBox(10, 8, 26, 22);

  private static OpticalFlow still(int frames) {
    List<float[]> zero = Collections.nCopies(frames - 1, new float[W * H * 2]);
    List<float[]> ones = Collections.nCopies(frames - 1, new float[W * H]);
    return new OpticalFlow(W, H, zero, zero, ones, ones);
  }

  @Test
  void aBlobOnOneFrameGoesAndAPartLostOnOneFrameComesBack() {
    Mask object = Mask.of(OBJECT, W, H);
    Mask[] masks = {object, object, object, object, object};
    masks[1] = object.union(Mask.of(new PixelBox(26, 8, 32, 22), W, H));
    masks[3] = object.minus(Mask.of(new PixelBox(10, 8, 16, 22), W, H));
    Mask[] voted = TemporalVote.vote(masks, still(5), 0.25);
    assertEquals(5, voted.length);
    for (int t = 0; t < 5; t++) {
      assertEquals(OBJECT.width() * OBJECT.height(), voted[t].area(), "frame " + t);
      assertTrue(voted[t].get(12, 10), "frame " + t + " keeps the object");
    }
    assertFalse(voted[1].get(29, 15), "the one-frame blob goes");
  }

  @Test
  void aMovingObjectIsVotedWhereTheFlowCarriesIt() {
    // The object moves 4 px right per frame; the flow says so, so the vote keeps each frame's own.
    int n = 3;
    Mask[] masks = new Mask[n];
    float[][] fw = new float[n - 1][W * H * 2];
    float[][] bw = new float[n - 1][W * H * 2];
    for (int t = 0; t < n; t++) {
      masks[t] = Mask.of(new PixelBox(4 + 4 * t, 8, 16 + 4 * t, 22), W, H);
    }
    for (int t = 0; t < n - 1; t++) {
      for (int p = 0; p < W * H; p++) {
        fw[t][2 * p] = 4;
        bw[t][2 * p] = -4;
      }
    }
    float[] ones = new float[W * H];
    OpticalFlow flow =
        new OpticalFlow(W, H, List.of(fw), List.of(bw), List.of(ones, ones), List.of(ones, ones));
    Mask[] voted = TemporalVote.vote(masks, flow, 0.25);
    for (int t = 0; t < n; t++) {
      assertEquals(masks[t].area(), voted[t].area(), "frame " + t);
      assertEquals(masks[t].bounds(), voted[t].bounds(), "frame " + t);
    }
  }

  @Test
  void twoFramesAreLeftAsTheyAre() {
    Mask a = Mask.of(OBJECT, W, H);
    Mask b = Mask.empty(W, H);
    Mask[] voted = TemporalVote.vote(new Mask[] {a, b}, still(2), 0.25);
    assertSame(a, voted[0]);
    assertSame(b, voted[1]);
  }
}
