package org.styleatlas.engine.flow.matte;

import static org.bytedeco.opencv.global.opencv_imgproc.GC_BGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_FGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_PR_BGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_PR_FGD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The background's colour mixture fitted again on a later frame: a blue square on grey on the box's
 * frame; on the next frame dark blue scenery (nearer the object's colour than the grey) surrounds
 * it. With the box frame's mixtures the graph cut takes the scenery in the undecided band; with a
 * fresh background mixture it leaves it out.
 */
class FreshBackgroundTest {
  private static final int W = 96;
  private static final int H = 64;
  private static final PixelBox OBJECT = new PixelBox(33, 17, 63, 47);
  private static final int BAND = 6;

  private static byte[] frame(boolean scenery, long seed) {
    Random noise = new Random(seed);
    PixelBox around = OBJECT.grown(10, W, H);
    float[] px = new float[W * H * 3];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        float[] c =
            OBJECT.contains(x, y)
                ? new float[] {0.1f, 0.2f, 0.8f}
                : scenery && around.contains(x, y)
                    ? new float[] {0.12f, 0.17f, 0.55f}
                    : new float[] {0.5f, 0.5f, 0.5f};
        for (int k = 0; k < 3; k++) {
          px[3 * (y * W + x) + k] = c[k] + 0.08f * (noise.nextFloat() - 0.5f);
        }
      }
    }
    return GrabCut.bytes(new org.styleatlas.engine.video.Frame(W, H, 3, px));
  }

  @Test
  void sceneryInTheBandStaysOutWithAFreshBackgroundMixture() {
    Mask object = Mask.of(OBJECT, W, H);
    PixelBox box = OBJECT.grown(2, W, H);
    byte[] first = new byte[W * H];
    for (int p = 0; p < first.length; p++) {
      first[p] = (byte) (box.contains(p % W, p / W) ? GC_PR_FGD : GC_BGD);
    }
    double[][] models = new double[2][0];
    Mask onBoxFrame = GrabCut.cut(frame(false, 1), first, W, H, box.grown(16, W, H), 8, models);
    assertEquals(object.area(), onBoxFrame.area(), "the box's frame: test premise");

    Mask near = object.dilated(BAND);
    Mask sure = object.eroded(5);
    byte[] labels = new byte[W * H];
    for (int p = 0; p < labels.length; p++) {
      labels[p] =
          (byte)
              (sure.bits()[p] != 0
                  ? GC_FGD
                  : object.bits()[p] != 0 ? GC_PR_FGD : near.bits()[p] != 0 ? GC_PR_BGD : GC_BGD);
    }
    byte[] next = frame(true, 2);
    PixelBox crop = near.bounds().orElseThrow().grown(16, W, H);
    Mask kept = GrabCut.cut(next, labels, W, H, crop, 1, models);
    double[][] fresh = GrabCutTracker.withFreshBackground(next, near, crop, models);
    Mask withFresh = GrabCut.cut(next, labels, W, H, crop, 1, fresh);

    int band = near.area() - object.area();
    assertTrue(
        kept.area() > object.area() + band / 2,
        "the box frame's mixtures take the scenery: " + kept.area() + " of " + object.area());
    assertTrue(
        Math.abs(withFresh.area() - object.area()) < 0.02 * object.area(),
        "a fresh background mixture leaves it out: " + withFresh.area() + " of " + object.area());
    assertTrue(withFresh.minus(object).area() < 0.02 * object.area());
  }
}
