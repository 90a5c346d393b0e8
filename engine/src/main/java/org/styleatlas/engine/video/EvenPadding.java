package org.styleatlas.engine.video;

/**
 * H.264 at 4:2:0 needs even frame sizes: an odd width or height is padded by one, repeating the
 * last column or row (nothing of the picture is lost, and the padding is invisible at the edge).
 */
public final class EvenPadding {
  private EvenPadding() {}

  /** Whether {@code f} needs padding. */
  public static boolean needed(Frame f) {
    return f.width() % 2 != 0 || f.height() % 2 != 0;
  }

  /** {@code f} padded to the next even width and height (the same frame when both are even). */
  public static Frame pad(Frame f) {
    if (!needed(f)) {
      return f;
    }
    int w = f.width() + f.width() % 2;
    int h = f.height() + f.height() % 2;
    int c = f.channels();
    float[] px = new float[w * h * c];
    for (int y = 0; y < h; y++) {
      int sy = Math.min(y, f.height() - 1);
      for (int x = 0; x < w; x++) {
        int sx = Math.min(x, f.width() - 1);
        System.arraycopy(f.pixels(), (sy * f.width() + sx) * c, px, (y * w + x) * c, c);
      }
    }
    return new Frame(w, h, c, px);
  }
}
