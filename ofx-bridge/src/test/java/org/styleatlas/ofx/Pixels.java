package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.styleatlas.ofx.harness.HostImage;

/** Pixel assertions between a source image and what the plug-in wrote. */
final class Pixels {
  private Pixels() {}

  /**
   * out must be the stub's stylization of src (1 − RGB, alpha kept), exactly for integer depths.
   */
  static void assertInverted(HostImage src, HostImage out) {
    assertMapped(src, out, true);
  }

  /** out must equal src (the analysis pass returns the original frame). */
  static void assertSame(HostImage src, HostImage out) {
    assertMapped(src, out, false);
  }

  private static void assertMapped(HostImage src, HostImage out, boolean invert) {
    int max = src.depth == HostImage.Depth.BYTE ? 255 : 65535;
    for (int y = src.y1; y < src.y2; y++) {
      for (int x = src.x1; x < src.x2; x++) {
        for (int c = 0; c < src.components; c++) {
          boolean colour = c < 3 && invert;
          String where = "pixel " + x + "," + y + " channel " + c;
          if (src.depth == HostImage.Depth.FLOAT) {
            float v = src.get(x, y, c);
            assertEquals(colour ? 1f - v : v, out.get(x, y, c), 1e-6f, where);
          } else {
            int v = src.raw(x, y, c);
            assertEquals(colour ? max - v : v, out.raw(x, y, c), where);
          }
        }
      }
    }
  }
}
