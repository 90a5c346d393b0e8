package org.styleatlas.engine.flow.matte;

import java.util.List;
import org.styleatlas.engine.video.Matte;

/** Scores of a box matte against the true mattes: intersection over union of pixels above ½. */
final class MatteScores {
  private MatteScores() {}

  /** IoU of one frame; 1 when both are empty. */
  static double iou(Matte a, Matte b) {
    int inter = 0;
    int union = 0;
    float[] x = a.values();
    float[] y = b.values();
    for (int i = 0; i < x.length; i++) {
      boolean p = x[i] > 0.5f;
      boolean q = y[i] > 0.5f;
      inter += p && q ? 1 : 0;
      union += p || q ? 1 : 0;
    }
    return union == 0 ? 1 : inter / (double) union;
  }

  /** Mean IoU over the frames. */
  static double meanIou(List<Matte> found, List<Matte> truth) {
    double sum = 0;
    for (int t = 0; t < truth.size(); t++) {
      sum += iou(found.get(t), truth.get(t));
    }
    return sum / truth.size();
  }

  /** The user's box on frame {@code t}: the true matte's bounding box, grown by {@code pad} px. */
  static BoxSeed boxOf(Matte truth, int t, int pad) {
    PixelBox b = Mask.of(truth).bounds().orElseThrow().grown(pad, truth.width(), truth.height());
    return new BoxSeed(b.x0(), b.y0(), b.x1(), b.y1(), t);
  }
}
