package org.styleatlas.engine.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.styleatlas.engine.cache.FrameFingerprint;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * One file frame's hash, as the plug-in's planes of the same pixels hash ({@code
 * studio.FrameHashes}, docs/PROTOCOL.md): the {@link FrameFingerprint} of the size, the float32
 * RGBA pixels in native byte order (RGB frames count as alpha 1), the matte plane when there is
 * one, and the matte source. Fed in two steps, as a clip is read (all frames, then all mattes).
 */
public final class FileFrameHash {
  private final int width;
  private final int height;
  private final long imageBytes;
  private final long imageHash;
  private long matteBytes = -1;
  private long matteHash;

  /** Starts with a frame read from a file, at its source size. */
  public FileFrameHash(Frame frame) {
    ByteBuffer image = floats(rgba(frame));
    width = frame.width();
    height = frame.height();
    imageBytes = image.remaining();
    imageHash = FrameFingerprint.hash(image);
  }

  /** Adds the frame's matte plane, at the frame's size. */
  public void matte(Matte m) {
    ByteBuffer b = floats(m.values());
    matteBytes = b.remaining();
    matteHash = FrameFingerprint.hash(b);
  }

  /** The frame's hash under {@code matteSource} ({@code clip}, {@code alpha} or {@code box}). */
  public String finish(String matteSource) {
    return FrameFingerprint.combine(
        width, height, imageBytes, imageHash, matteBytes, matteHash, matteSource);
  }

  /**
   * {@code [h, w, 4]}: the frame's RGBA, or its RGB with alpha 1 (a grey frame's value in R, G and
   * B).
   */
  static float[] rgba(Frame frame) {
    if (frame.channels() == 4) {
      return frame.pixels();
    }
    int n = frame.width() * frame.height();
    int c = frame.channels();
    float[] in = frame.pixels();
    float[] out = new float[n * 4];
    for (int p = 0; p < n; p++) {
      for (int k = 0; k < 3; k++) {
        out[p * 4 + k] = in[p * c + Math.min(k, c - 1)];
      }
      out[p * 4 + 3] = 1f;
    }
    return out;
  }

  private static ByteBuffer floats(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.nativeOrder());
    b.asFloatBuffer().put(values);
    return b;
  }
}
