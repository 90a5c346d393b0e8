package org.styleatlas.engine.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Frames quantised to packed integer pixels in direct buffers, as FFmpeg's encoders take them. Values
 * outside [0, 1] are clamped and NaN becomes 0.
 */
final class PackedPixels {

  private PackedPixels() {}

  /** RGB24 (or RGBA when {@code channels} is 4): {@code [height, width, channels]} bytes. */
  static ByteBuffer toBytes(Frame frame, int channels) {
    int n = frame.width() * frame.height();
    ByteBuffer out = ByteBuffer.allocateDirect(n * channels);
    for (int p = 0; p < n; p++) {
      for (int c = 0; c < channels; c++) {
        out.put(p * channels + c, (byte) quantise(sample(frame, p, c), 255));
      }
    }
    return out;
  }

  /** RGB48LE (or RGBA64LE when {@code channels} is 4): {@code [height, width, channels]} 16-bit samples. */
  static ShortBuffer toShorts(Frame frame, int channels) {
    int n = frame.width() * frame.height();
    ShortBuffer out = ByteBuffer.allocateDirect(n * channels * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer();
    for (int p = 0; p < n; p++) {
      for (int c = 0; c < channels; c++) {
        out.put(p * channels + c, (short) quantise(sample(frame, p, c), 65535));
      }
    }
    return out;
  }

  /** [0, 1] to [0, max] with rounding; out-of-range values are clamped, NaN becomes 0. */
  static int quantise(float v, int max) {
    if (!(v > 0)) {
      return 0;
    }
    return v >= 1 ? max : Math.round(v * max);
  }

  /** Channel c of pixel p; a frame without alpha is opaque. */
  private static float sample(Frame frame, int p, int c) {
    return c < frame.channels() ? frame.pixels()[p * frame.channels() + c] : 1f;
  }
}
