package org.styleatlas.engine.video;

/**
 * Buffer layout that FFmpeg's SIMD code needs: its scaler reads and writes whole vector registers,
 * so it may touch bytes past the end of a row and of the last row. Rows handed to FFmpeg therefore
 * start on a {@link #ALIGN}-byte stride, and buffers end with {@link #PADDING} spare bytes.
 * (Measured: an exact-size 854x480 RGB24 buffer crashed the JVM in swscale when its end met an
 * unmapped page.)
 */
final class NativeLayout {
  /** Row alignment in bytes (AVX-512 width). */
  static final int ALIGN = 64;

  /** Spare bytes after the last row. */
  static final int PADDING = 64;

  private NativeLayout() {}

  /** The row stride in bytes for rows of {@code rowBytes} bytes. */
  static int stride(int rowBytes) {
    return (rowBytes + ALIGN - 1) / ALIGN * ALIGN;
  }

  /** The buffer size in bytes for {@code rows} rows of {@code stride} bytes, with padding. */
  static long bufferSize(int stride, int rows) {
    return (long) stride * rows + PADDING;
  }
}
