package org.styleatlas.engine.studio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.styleatlas.engine.cache.FrameFingerprint;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * The one recipe of frame identity (docs/PROTOCOL.md, "How the engine recognises a clip"): the
 * {@link FrameFingerprint} (xxHash64) of the size, the float32 RGBA pixels as the wire carries them
 * (native byte order, top row first), the matte plane when there is one, and the matte source; a
 * match is confirmed by the content ({@code ClipStore#sameFrame}). The plug-in's frames and the
 * CLI's files are hashed alike, so a clip prepared on the CLI is recognised from the plug-in's
 * frames.
 */
public final class FrameHashes {
  private FrameHashes() {}

  /** The hash of a request's planes. */
  public static String of(FramePixels p, String matteSource) {
    return FrameFingerprint.of(p.width(), p.height(), p.image(), p.matte(), matteSource);
  }

  /**
   * One frame's hash fed in two steps, as a clip is read (all frames, then all mattes): the same
   * bytes as {@link #of(FramePixels, String)} for the plug-in's planes.
   */
  static final class Pending {
    private final int width;
    private final int height;
    private final long imageBytes;
    private final long imageHash;
    private long matteBytes = -1;
    private long matteHash;

    /** Starts with a frame read from a file; RGB frames count as alpha 1. */
    Pending(Frame frame) {
      ByteBuffer image = floats(rgba(frame));
      width = frame.width();
      height = frame.height();
      imageBytes = image.remaining();
      imageHash = FrameFingerprint.hash(image);
    }

    /** Adds the frame's matte plane. */
    void matte(Matte m) {
      ByteBuffer b = floats(m.values());
      matteBytes = b.remaining();
      matteHash = FrameFingerprint.hash(b);
    }

    String finish(String matteSource) {
      return FrameFingerprint.combine(
          width, height, imageBytes, imageHash, matteBytes, matteHash, matteSource);
    }
  }

  /**
   * The hash of a frame read from a file, as the plug-in would send it: RGB frames get alpha 1.
   *
   * @param matte the frame's matte plane, or null
   */
  public static String of(Frame frame, Matte matte, String matteSource) {
    ByteBuffer image = floats(rgba(frame));
    ByteBuffer m = matte == null ? null : floats(matte.values());
    return of(new FramePixels(frame.width(), frame.height(), image, m, null), matteSource);
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
