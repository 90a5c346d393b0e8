package org.styleatlas.engine.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Frames quantised to packed integer pixels, {@code [height, width, channels]}, in one direct buffer that
 * is reused for every frame of a stream (as FFmpeg's encoders take them). Values outside [0, 1] are
 * clamped and NaN becomes 0; a frame without alpha is written opaque when 4 channels are asked for.
 */
final class PackedPixels {
  private final int pixels;
  private final int channels;
  private final ByteBuffer buffer;

  /** For frames of {@code size}, packed with {@code channels} (3 or 4) channels of up to 16 bits. */
  PackedPixels(FrameSize size, int channels) {
    this.pixels = size.width() * size.height();
    this.channels = channels;
    this.buffer = ByteBuffer.allocateDirect(pixels * channels * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The frame as RGB24 or RGBA, 8 bits a sample; valid until the next call. */
  ByteBuffer bytes(Frame frame) {
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < channels; c++) {
        buffer.put(p * channels + c, (byte) quantise(sample(frame, p, c), 255));
      }
    }
    return buffer.duplicate().position(0).limit(pixels * channels);
  }

  /** The frame as RGB48LE or RGBA64LE, 16 bits a sample; valid until the next call. */
  ShortBuffer shorts(Frame frame) {
    ShortBuffer out = buffer.asShortBuffer();
    for (int p = 0; p < pixels; p++) {
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

  private static float sample(Frame frame, int p, int c) {
    return c < frame.channels() ? frame.pixels()[p * frame.channels() + c] : 1f;
  }
}
