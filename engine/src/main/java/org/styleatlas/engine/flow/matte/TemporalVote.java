package org.styleatlas.engine.flow.matte;

import org.styleatlas.engine.flow.OpticalFlow;

/**
 * A vote over neighbouring frames: each frame's mask, with its two neighbours' masks carried onto
 * it along the flow, keeps the pixels at least two of the three hold. A part the graph cut gains or
 * loses on one frame only (a flicker) goes; what the object keeps from frame to frame stays.
 */
final class TemporalVote {
  private TemporalVote() {}

  /**
   * Votes every frame's mask with its neighbours'.
   *
   * @param masks one mask per frame, all the same size
   * @param flow the clip's optical flow, covering {@code masks.length} frames
   * @param keep as {@link Mask#cleaned(double)}
   * @return the voted masks; a frame whose vote is empty keeps its own mask
   */
  static Mask[] vote(Mask[] masks, OpticalFlow flow, double keep) {
    int n = masks.length;
    if (n < 3) {
      return masks.clone();
    }
    Mask[] out = new Mask[n];
    for (int t = 0; t < n; t++) {
      Mask own = masks[t];
      Mask before = t > 0 ? FlowWarp.warp(masks[t - 1], flow.backward().get(t - 1)) : own;
      Mask after = t + 1 < n ? FlowWarp.warp(masks[t + 1], flow.forward().get(t)) : own;
      byte[] v = new byte[own.bits().length];
      for (int p = 0; p < v.length; p++) {
        v[p] = (byte) (before.bits()[p] + own.bits()[p] + after.bits()[p] >= 2 ? 1 : 0);
      }
      Mask voted = new Mask(own.width(), own.height(), v).cleaned(keep);
      out[t] = voted.area() == 0 ? own : voted;
    }
    return out;
  }
}
