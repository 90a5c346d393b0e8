package org.styleatlas.engine.studio;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * The pixel planes of one frame or render request, wherever they live (shared memory or an inline
 * payload): {@code image} {@code [height, width, 4]} float32 RGBA as the plug-in sent it, optional
 * {@code matte} {@code [height, width]} float32, optional {@code output} {@code [height, width, 4]}
 * float32 RGBA to fill; top row first, in each buffer's byte order. The buffers are read from their
 * position 0 and never consumed.
 */
public record FramePixels(
    int width, int height, ByteBuffer image, ByteBuffer matte, ByteBuffer output) {

  /** Bytes of one RGBA float32 plane. */
  public static long rgbaBytes(int width, int height) {
    return (long) width * height * 16;
  }

  /** Bytes of one matte float32 plane. */
  public static long matteBytes(int width, int height) {
    return (long) width * height * 4;
  }

  /**
   * The input image as floats ({@code [height, width, 4]}), a view that leaves the buffer
   * untouched.
   */
  public FloatBuffer imageFloats() {
    return image.duplicate().clear().order(image.order()).asFloatBuffer();
  }

  /** The output plane as floats, a view positioned at 0. */
  public FloatBuffer outputFloats() {
    return output.duplicate().clear().order(output.order()).asFloatBuffer();
  }

  /**
   * Copies the source frame to the output plane (the answer while a stylized frame is not ready).
   */
  public void copySourceToOutput() {
    if (output != null) {
      output.duplicate().clear().put(image.duplicate().clear());
    }
  }
}
