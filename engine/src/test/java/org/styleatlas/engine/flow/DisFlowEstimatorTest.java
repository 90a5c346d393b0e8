package org.styleatlas.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

class DisFlowEstimatorTest {

  /**
   * The background pans: its flow is minus the pan step (content moves left), within half a pixel.
   */
  @Test
  void backgroundFlowFollowsThePan() {
    SyntheticClip s =
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(128, 72, 4));
    OpticalFlow flow =
        DisFlowEstimator.estimate(s.clip(), FlowConfig.defaults(), ProgressSink.NONE);
    assertEquals(4, flow.frames());
    for (int t = 0; t < 3; t++) {
      double pan = s.backgroundOffsets().get(t + 1) - s.backgroundOffsets().get(t);
      float[] f = flow.forward().get(t);
      float[] matte = s.clip().matte(t).values();
      double[] dx = new double[matte.length];
      int n = 0;
      for (int p = 0; p < matte.length; p++) {
        if (matte[p] == 0 && flow.forwardMask().get(t)[p] > 0) {
          dx[n++] = f[p * 2];
        }
      }
      double[] sorted = Arrays.copyOf(dx, n);
      Arrays.sort(sorted);
      assertTrue(n > matte.length / 3, "too few consistent background vectors: " + n);
      assertEquals(-pan, sorted[n / 2], 0.5, "median background dx of pair " + t);
    }
    assertTrue(flow.consistentFraction() > 0.5, "consistent fraction " + flow.consistentFraction());
  }

  @Test
  void consistencyRejectsContradictingFlows() {
    float[] right = new float[8 * 8 * 2];
    float[] alsoRight = new float[8 * 8 * 2];
    for (int p = 0; p < 64; p++) {
      right[p * 2] = 1;
      alsoRight[p * 2] = 1;
    }
    float[] mask = FlowConsistency.mask(right, alsoRight, 8, 8, 1.0);
    assertEquals(0, mask[3 * 8 + 3], "a→b and b→a both to the right are inconsistent");
    float[] left = new float[8 * 8 * 2];
    for (int p = 0; p < 64; p++) {
      left[p * 2] = -1;
    }
    float[] ok = FlowConsistency.mask(right, left, 8, 8, 1.0);
    assertEquals(1, ok[3 * 8 + 3]);
    assertEquals(0, ok[3 * 8 + 7], "target leaves the frame");
  }
}
