package org.styleatlas.engine.flow;

import org.styleatlas.engine.video.Frame;

/** Rec. 601 luma of a frame's encoded RGB: {@code [H·W]} row-major, in the frame's value range. */
public final class Luma {
  private Luma() {}

  public static float[] of(Frame f) {
    float[] g = new float[f.width() * f.height()];
    float[] px = f.pixels();
    int ch = f.channels();
    for (int p = 0; p < g.length; p++) {
      g[p] = (float) (0.299 * px[p * ch] + 0.587 * px[p * ch + 1] + 0.114 * px[p * ch + 2]);
    }
    return g;
  }
}
