package org.styleatlas.engine.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Frames quantised to packed integer pixels, rows of {@code width * channels} samples on an aligned
 * stride ({@link NativeLayout}), in one direct buffer that is reused for every frame of a stream,
 * as FFmpeg's encoders take them. Values outside [0, 1] are clamped and NaN becomes 0; a frame
 * without alpha is written opaque when 4 channels are asked for. Keep this object reachable while
 * FFmpeg reads its buffer.
 */
final class PackedPixels {
  private final int width;
  private final int height;
  private final int channels;
  private final ByteBuffer buffer;

  /**
   * For frames of {@code size}, packed with {@code channels} (3 or 4) channels of up to 16 bits.
   */
  PackedPixels(FrameSize size, int channels) {
    this.width = size.width();
    this.height = size.height();
    this.channels = channels;
    int widest = NativeLayout.stride(width * channels * Short.BYTES);
    this.buffer =
        ByteBuffer.allocateDirect((int) NativeLayout.bufferSize(widest, height))
            .order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Row stride of {@link #bytes}, in samples (bytes). */
  int byteStride() {
    return NativeLayout.stride(width * channels);
  }

  /** Row stride of {@link #shorts}, in samples (16-bit). */
  int shortStride() {
    return NativeLayout.stride(width * channels * Short.BYTES) / Short.BYTES;
  }

  /** The frame as RGB24 or RGBA, 8 bits a sample; valid until the next call. */
  ByteBuffer bytes(Frame frame) {
    int stride = byteStride();
    byte[] row = new byte[width * channels];
    float[] px = frame.pixels();
    int fc = frame.channels();
    for (int y = 0; y < height; y++) {
      if (fc == channels) {
        for (int i = 0, p = y * row.length; i < row.length; i++, p++) {
          row[i] = (byte) quantise(px[p], 255);
        }
      } else {
        for (int x = 0, i = 0, p = y * width * fc; x < width; x++, p += fc) {
          for (int c = 0; c < channels; c++, i++) {
            row[i] = (byte) quantise(c < fc ? px[p + c] : 1f, 255);
          }
        }
      }
      buffer.put(y * stride, row);
    }
    return buffer.duplicate().position(0);
  }

  /** The frame as RGB48LE or RGBA64LE, 16 bits a sample; valid until the next call. */
  ShortBuffer shorts(Frame frame) {
    int stride = shortStride();
    ShortBuffer out = buffer.asShortBuffer();
    short[] row = new short[width * channels];
    float[] px = frame.pixels();
    int fc = frame.channels();
    for (int y = 0; y < height; y++) {
      for (int x = 0, i = 0, p = y * width * fc; x < width; x++, p += fc) {
        for (int c = 0; c < channels; c++, i++) {
          row[i] = (short) quantise(c < fc ? px[p + c] : 1f, 65535);
        }
      }
      out.put(y * stride, row);
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
}
