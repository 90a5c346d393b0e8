package org.styleatlas.host.render;

import java.nio.ByteBuffer;


/**
 * The pixel planes of one frame or render request, wherever they live (shared memory or an inline
 * payload): float32 RGBA input, optional float32 matte, optional float32 RGBA output, top row first.
 */
public record FramePlanes(int width, int height, ByteBuffer image, ByteBuffer matte, ByteBuffer output) {

  public static long rgbaBytes(int width, int height) {
    return (long) width * height * 16;
  }

  public static long matteBytes(int width, int height) {
    return (long) width * height * 4;
  }

  /** Copies the source frame to the output plane (the answer while a stylized frame is not ready). */
  public void copySourceToOutput() {
    if (output != null) {
      output.duplicate().put(image.duplicate());
    }
  }
}
