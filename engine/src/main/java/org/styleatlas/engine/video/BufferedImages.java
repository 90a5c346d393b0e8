package org.styleatlas.engine.video;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.nio.file.Path;
import org.styleatlas.engine.InputException;

/** Converts ImageIO images (8- and 16-bit, grey, palette, RGB, RGBA) to frames and mattes. */
final class BufferedImages {

  private BufferedImages() {}

  /** The image as a frame: RGB, or RGBA when it has alpha; grey becomes three equal channels. */
  static Frame toFrame(Path file, BufferedImage img) {
    Raster r = img.getRaster();
    int w = img.getWidth();
    int h = img.getHeight();
    if (r.getNumBands() < 3) {
      float[] grey = samples(r, 0);
      float[] px = new float[grey.length * 3];
      for (int p = 0; p < grey.length; p++) {
        px[p * 3] = px[p * 3 + 1] = px[p * 3 + 2] = grey[p];
      }
      return new Frame(w, h, 3, px);
    }
    if (img.getColorModel().getColorSpace().getType() != ColorSpace.TYPE_RGB) {
      throw InputException.of(file, "unsupported colour space (expected RGB or grey)");
    }
    int channels = img.getColorModel().hasAlpha() ? 4 : 3;
    float[] px = new float[w * h * channels];
    for (int c = 0; c < channels; c++) {
      float[] s = samples(r, c);
      for (int p = 0; p < s.length; p++) {
        px[p * channels + c] = s[p];
      }
    }
    return new Frame(w, h, channels, px);
  }

  /**
   * The image as a matte: palette masks (DAVIS) are 1 wherever the index is non-zero; grey and RGB masks
   * use their first band scaled to [0, 1].
   */
  static Matte toMatte(BufferedImage img) {
    Raster r = img.getRaster();
    float[] v;
    if (img.getColorModel() instanceof IndexColorModel) {
      int[] idx = r.getSamples(0, 0, r.getWidth(), r.getHeight(), 0, (int[]) null);
      v = new float[idx.length];
      for (int i = 0; i < idx.length; i++) {
        v[i] = idx[i] != 0 ? 1f : 0f;
      }
    } else {
      v = samples(r, 0);
    }
    return new Matte(img.getWidth(), img.getHeight(), v);
  }

  /** One band as floats in [0, 1], scaled by the band's bit depth. */
  private static float[] samples(Raster r, int band) {
    int bits = r.getSampleModel().getSampleSize(band);
    float scale = 1f / ((1L << bits) - 1);
    int[] s = r.getSamples(0, 0, r.getWidth(), r.getHeight(), band, (int[]) null);
    float[] out = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] * scale;
    }
    return out;
  }
}
