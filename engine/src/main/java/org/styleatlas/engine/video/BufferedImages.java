package org.styleatlas.engine.video;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
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
      float[] px = new float[w * h * 3];
      for (int c = 0; c < 3; c++) {
        copyBand(r, 0, px, 3, c);
      }
      return new Frame(w, h, 3, px);
    }
    if (img.getColorModel().getColorSpace().getType() != ColorSpace.TYPE_RGB) {
      throw InputException.of(file, "unsupported colour space (expected RGB or grey)");
    }
    int channels = img.getColorModel().hasAlpha() ? 4 : 3;
    float[] px = new float[w * h * channels];
    for (int c = 0; c < channels; c++) {
      copyBand(r, c, px, channels, c);
    }
    return new Frame(w, h, channels, px);
  }

  /**
   * The image as a matte: palette masks (DAVIS) are 1 wherever the index is non-zero; grey and RGB
   * masks use their first band scaled to [0, 1].
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
      v = new float[r.getWidth() * r.getHeight()];
      copyBand(r, 0, v, 1, 0);
    }
    return new Matte(img.getWidth(), img.getHeight(), v);
  }

  /**
   * Copies one band, scaled by its bit depth to [0, 1], into channel {@code channel} of the
   * interleaved {@code out} with {@code channels} channels.
   */
  private static void copyBand(Raster r, int band, float[] out, int channels, int channel) {
    int bits = r.getSampleModel().getSampleSize(band);
    // A float division, as the OpenFX shim converts (docs/ARCHITECTURE.md, "Pixel convention"): a
    // frame read
    // here then holds the very floats the plug-in sends, so the CLI's clips hash like the plug-in's
    // frames.
    float max = (float) ((1L << bits) - 1);
    if (!copyInterleaved(r, band, max, out, channels, channel)) {
      int[] s = r.getSamples(0, 0, r.getWidth(), r.getHeight(), band, (int[]) null);
      for (int p = 0; p < s.length; p++) {
        out[p * channels + channel] = s[p] / max;
      }
    }
  }

  /**
   * Fast path for the common layouts (8- and 16-bit interleaved or banded components, as ImageIO
   * decodes JPEG and PNG): reads the data buffer directly, whose unsigned elements are the samples.
   * Returns false when the raster has another layout.
   */
  private static boolean copyInterleaved(
      Raster r, int band, float max, float[] out, int channels, int channel) {
    if (!(r.getSampleModel() instanceof ComponentSampleModel sm)
        || r.getSampleModelTranslateX() != 0
        || r.getSampleModelTranslateY() != 0) {
      return false;
    }
    DataBuffer data = r.getDataBuffer();
    if (!(data instanceof DataBufferByte) && !(data instanceof DataBufferUShort)) {
      return false;
    }
    int bank = sm.getBankIndices()[band];
    int offset = sm.getBandOffsets()[band]; // getElem adds the bank's own offset
    int pixelStride = sm.getPixelStride();
    int lineStride = sm.getScanlineStride();
    int w = r.getWidth();
    for (int y = 0, i = channel; y < r.getHeight(); y++) {
      for (int x = 0, k = offset + y * lineStride; x < w; x++, k += pixelStride) {
        out[i] = data.getElem(bank, k) / max;
        i += channels;
      }
    }
    return true;
  }
}
