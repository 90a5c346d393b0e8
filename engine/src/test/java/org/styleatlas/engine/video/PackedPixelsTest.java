package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link PackedPixels} against the per-sample rule: sample (x, y, c) at {@code y·stride +
 * x·channels + c}, quantised with clamping (NaN → 0), alpha 1 for a frame without it; RGB and RGBA,
 * 8 and 16 bits, an odd width so rows are padded.
 */
class PackedPixelsTest {

  @Test
  void everySampleLandsAtItsStridedPlace() {
    Random rnd = new Random(3);
    for (int frameChannels : new int[] {3, 4}) {
      for (int packedChannels : new int[] {3, 4}) {
        Frame f = randomFrame(rnd, 13, 5, frameChannels);
        PackedPixels packed = new PackedPixels(f.size(), packedChannels);
        ByteBuffer bytes = packed.bytes(f);
        assertPacked(f, packedChannels, packed.byteStride(), 255, i -> bytes.get(i) & 0xff);
        ShortBuffer shorts = packed.shorts(f);
        assertPacked(f, packedChannels, packed.shortStride(), 65535, i -> shorts.get(i) & 0xffff);
      }
    }
  }

  /**
   * Every sample of {@code f} at {@code y·stride + x·channels + c} of the packed samples, unsigned.
   */
  private static void assertPacked(
      Frame f, int channels, int stride, int max, IntUnaryOperator packedAt) {
    for (int y = 0; y < f.height(); y++) {
      for (int x = 0; x < f.width(); x++) {
        for (int c = 0; c < channels; c++) {
          assertEquals(
              PackedPixels.quantise(expected(f, x, y, c), max),
              packedAt.applyAsInt(y * stride + x * channels + c),
              max
                  + ": "
                  + x
                  + ","
                  + y
                  + ","
                  + c
                  + " of "
                  + f.channels()
                  + " into "
                  + channels
                  + " channels");
        }
      }
    }
  }

  private static float expected(Frame f, int x, int y, int c) {
    return c < f.channels() ? f.get(x, y, c) : 1f;
  }

  private static Frame randomFrame(Random rnd, int w, int h, int channels) {
    float[] px = new float[w * h * channels];
    for (int i = 0; i < px.length; i++) {
      px[i] = i % 17 == 0 ? Float.NaN : rnd.nextFloat() * 2 - 0.5f;
    }
    return new Frame(w, h, channels, px);
  }
}
