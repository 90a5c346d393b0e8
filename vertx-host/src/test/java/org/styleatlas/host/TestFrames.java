package org.styleatlas.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Deterministic float32 RGBA test frames, different per frame index. */
public final class TestFrames {
  private TestFrames() {}

  /** Frame {@code t} of a {@code w}x{@code h} clip: pseudo-random colours, alpha 1. */
  public static float[] rgba(int w, int h, int t) {
    Random r = new Random(1000L + t);
    float[] px = new float[w * h * 4];
    for (int i = 0; i < px.length; i += 4) {
      px[i] = r.nextFloat();
      px[i + 1] = r.nextFloat();
      px[i + 2] = r.nextFloat();
      px[i + 3] = 1f;
    }
    return px;
  }

  /**
   * Straight RGBA from RGB ({@code [H·W·3]}) with {@code matte} ({@code [H·W]}) as alpha: a keyed
   * frame.
   */
  public static float[] keyed(float[] rgb, float[] matte) {
    float[] px = new float[matte.length * 4];
    for (int p = 0; p < matte.length; p++) {
      System.arraycopy(rgb, p * 3, px, p * 4, 3);
      px[p * 4 + 3] = matte[p];
    }
    return px;
  }

  public static void put(ByteBuffer target, float[] px) {
    target.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().put(px);
  }

  public static float[] get(ByteBuffer source, int count) {
    float[] out = new float[count];
    source.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
    return out;
  }

  public static byte[] bytes(float[] px) {
    ByteBuffer b = ByteBuffer.allocate(px.length * 4).order(ByteOrder.nativeOrder());
    b.asFloatBuffer().put(px);
    return b.array();
  }
}
