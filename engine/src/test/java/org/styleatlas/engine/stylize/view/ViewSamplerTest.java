package org.styleatlas.engine.stylize.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ViewSamplerTest {
  private static final int W = 80;
  private static final int H = 60;

  /** A 20x16 object at (40..60, 20..36) in an 80x60 frame. */
  static float[] boxAlpha() {
    float[] a = new float[W * H];
    for (int y = 20; y < 36; y++) {
      for (int x = 40; x < 60; x++) {
        a[y * W + x] = 1;
      }
    }
    return a;
  }

  @Test
  void cropIsTheObjectBoxPlusMargin() {
    PixelRect r = ObjectBounds.crop(boxAlpha(), W, H, 0.1);
    assertEquals(38, r.x(), 1e-9);
    assertEquals(18.4, r.y(), 1e-9);
    assertEquals(24, r.width(), 1e-9);
    assertEquals(19.2, r.height(), 1e-9);
    PixelRect whole = ObjectBounds.crop(new float[W * H], W, H, 0.1);
    assertEquals(W, whole.width(), 0);
  }

  @Test
  void viewsFollowThePaperRanges() {
    ViewConfig cfg = ViewConfig.paper(3, 5, 32);
    ViewSampler sampler = new ViewSampler(cfg);
    float[] alpha = boxAlpha();
    PixelRect box = ObjectBounds.crop(alpha, W, H, cfg.cropMargin());
    SplittableRandom rnd = new SplittableRandom(1);
    int perspective = 0;
    int removed = 0;
    int n = 0;
    for (int i = 0; i < 200; i++) {
      List<ViewSpec> views = sampler.sample(7, alpha, W, H, rnd);
      assertEquals(8, views.size());
      for (int k = 0; k < views.size(); k++) {
        ViewSpec v = views.get(k);
        assertEquals(7, v.frame());
        assertEquals(k < 3 ? ViewSpec.Kind.GLOBAL : ViewSpec.Kind.LOCAL, v.kind());
        double scale = v.crop().area() / box.area();
        if (v.kind() == ViewSpec.Kind.GLOBAL) {
          assertTrue(scale >= 0.9 * 0.8 - 1e-9 && scale <= 1 + 1e-9, "global scale " + scale);
        } else {
          assertTrue(scale <= 0.5 + 1e-9, "local scale " + scale);
          assertTrue(
              ObjectBounds.objectFraction(alpha, W, H, v.crop()) >= 1.0 / 3 - 0.05,
              "local view holds object");
        }
        assertTrue(
            v.crop().x() >= box.x() - 1e-9
                && v.crop().x() + v.crop().width() <= box.x() + box.width() + 1e-9);
        perspective += v.perspective().isPresent() ? 1 : 0;
        removed += v.removeBackground() ? 1 : 0;
        n++;
      }
    }
    assertEquals(0.5, perspective / (double) n, 0.05);
    assertEquals(0.5, removed / (double) n, 0.05);
  }

  @Test
  void perspectiveMovesCornersInwardAndLeavesFillOutside() {
    SplittableRandom rnd = new SplittableRandom(3);
    Homography h = ViewSampler.randomPerspective(0.5, rnd);
    // the view's corners map outside the unit square or onto its edge: the distorted content
    // shrinks inwards
    ViewSpec v =
        new ViewSpec(
            0,
            ViewSpec.Kind.GLOBAL,
            new PixelRect(10, 10, 20, 20),
            java.util.Optional.of(h),
            false);
    assertNull(v.source(0.001, 0.001), "corner of the view is fill");
    double[] centre = v.source(0.5, 0.5);
    assertTrue(centre[0] > 15 && centre[0] < 25 && centre[1] > 15 && centre[1] < 25);
  }

  @Test
  void homographyMapsFourPointsExactly() {
    double[][] from = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    double[][] to = {{0.1, 0.2}, {0.9, 0.05}, {0.8, 0.95}, {0.2, 0.7}};
    Homography h = Homography.fromPoints(from, to);
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(to[i], h.apply(from[i][0], from[i][1]), 1e-9);
    }
  }
}
