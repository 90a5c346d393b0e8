package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/** Per-frame metrics on a 4x2 frame whose numbers can be worked out by hand. */
class FrameQualityTest {
  // 4x2 grey frame at 0.5; the matte covers the left two columns (4 pixels)
  private static final Frame FRAME = new Frame(4, 2, 3, filled(8 * 3, 0.5f));
  private static final Matte MATTE = new Matte(4, 2, new float[] {1, 1, 0, 0, 1, 1, 0, 0});

  @Test
  void splitsTheErrorByTheMatteAndScoresTheOpacity() {
    float[] rgb = filled(8 * 3, 0.5f);
    // inside: one pixel off by 0.1 in every channel → MSE inside = 0.01 / 4 → 26.02 dB
    for (int c = 0; c < 3; c++) {
      rgb[c] = 0.6f;
    }
    // outside: one pixel off by 0.2 → MSE outside = 0.04 / 4 → 20.0 dB
    for (int c = 0; c < 3; c++) {
      rgb[2 * 3 + c] = 0.3f;
    }
    // α covers the matte's 4 pixels and one more: IoU 4 / 5
    float[] alpha = {0.9f, 0.9f, 0.9f, 0.1f, 0.9f, 0.9f, 0.1f, 0.1f};
    FrameQuality q = FrameQuality.measure(3, rgb, FRAME, MATTE, alpha);
    assertEquals(3, q.frame());
    assertEquals(10 * Math.log10(4 / 0.01), q.psnrInside(), 1e-4);
    assertEquals(10 * Math.log10(4 / 0.04), q.psnrOutside(), 1e-4);
    assertEquals(10 * Math.log10(8 / 0.05), q.psnr(), 1e-4);
    assertEquals(0.8, q.alphaIou(), 1e-12);
    assertEquals(q.psnr(), Psnr.of(rgb, FRAME), 1e-9);
  }

  @Test
  void withoutAMatteOnlyThePsnrIsMeasured() {
    FrameQuality q = FrameQuality.measure(0, filled(24, 0.5f), FRAME, null, filled(8, 0.2f));
    assertEquals(Psnr.IDENTICAL, q.psnr());
    assertNull(q.psnrInside());
    assertNull(q.psnrOutside());
    assertNull(q.alphaIou());
  }

  @Test
  void anEmptyMatteHasNoInsideAndAnEmptyOpacityAgreesWithIt() {
    Matte empty = new Matte(4, 2, new float[8]);
    FrameQuality q = FrameQuality.measure(0, filled(24, 0.4f), FRAME, empty, filled(8, 0.1f));
    assertNull(q.psnrInside());
    assertEquals(20.0, q.psnrOutside(), 1e-4);
    assertEquals(1.0, q.alphaIou());
  }

  @Test
  void theSummaryNamesTheWorstFrameAndTheLowestCoverage() {
    ClipQuality s =
        ClipQuality.of(
            List.of(
                new FrameQuality(0, 30, 28.0, 31.0, 0.97),
                new FrameQuality(1, 24, 20.0, 26.0, 0.99),
                new FrameQuality(2, 27, null, 27.0, 0.90)));
    assertEquals(27, s.meanPsnr(), 1e-12);
    assertEquals(1, s.worstFrame());
    assertEquals(24, s.worstPsnr());
    assertEquals(24.0, s.meanPsnrInside(), 1e-12);
    assertEquals(20.0, s.worstPsnrInside());
    assertEquals(28.0, s.meanPsnrOutside(), 1e-12);
    assertEquals(0.90, s.minAlphaIou());
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
