package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PackedPixels} against the per-sample rule: sample (x, y, c) at {@code y·stride + x·channels + c},
 * quantised with clamping (NaN → 0), alpha 1 for a frame without it; RGB and RGBA, 8 and 16 bits, an odd
 * width so rows are padded.
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
        for (int y = 0; y < 5; y++) {
          for (int x = 0; x < 13; x++) {
            for (int c = 0; c < packedChannels; c++) {
              assertEquals((byte) PackedPixels.quantise(expected(f, x, y, c), 255),
                  bytes.get(y * packed.byteStride() + x * packedChannels + c), "8-bit " + x + "," + y + "," + c);
            }
          }
        }
        ShortBuffer shorts = packed.shorts(f);
        for (int y = 0; y < 5; y++) {
          for (int x = 0; x < 13; x++) {
            for (int c = 0; c < packedChannels; c++) {
              assertEquals((short) PackedPixels.quantise(expected(f, x, y, c), 65535),
                  shorts.get(y * packed.shortStride() + x * packedChannels + c), "16-bit " + x + "," + y + "," + c);
            }
          }
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
