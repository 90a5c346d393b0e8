package org.styleatlas.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The composite from one float buffer into another (the host's shared-memory planes) gives the
 * array composite's floats bit for bit: HDR, negative and NaN sources, either byte order, planes at
 * an offset, the same plane in and out, and any thread count.
 */
class CompositeRgbaBuffersTest {
  private static final int W = 61;
  private static final int H = 47;
  private static final int N = W * H;

  private final Random r = new Random(11);
  private final FrameLayerMaps maps = maps();
  private final AtlasTexture atlas = new AtlasTexture(16, 16, values(16 * 16 * 3, 0));
  private final float[] source = source();

  private float[] values(int n, float zeroShare) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = r.nextFloat() < zeroShare ? 0f : r.nextFloat() * 2 - 1;
    return v;
  }

  private FrameLayerMaps maps() {
    float[] alpha = values(N, 0.5f);
    for (int i = 0; i < N; i++) alpha[i] = Math.abs(alpha[i]);
    alpha[0] = FrameRenderer.INVISIBLE_ALPHA; // exactly at the cut-off: blended
    alpha[1] = Math.nextDown(FrameRenderer.INVISIBLE_ALPHA / 0.8f); // below it at strength 0.8
    return new FrameLayerMaps(W, H, values(2 * N, 0), values(2 * N, 0), alpha);
  }

  private float[] source() {
    float[] v = values(4 * N, 0);
    for (int i = 0; i < v.length; i += 97) v[i] = Float.NaN;
    for (int i = 5; i < v.length; i += 89) v[i] = 37.5f; // HDR
    v[7] = Float.intBitsToFloat(0x7fc01234); // a NaN with a payload, kept as is where untouched
    v[11] = -0f;
    return v;
  }

  private float[] arrayComposite(int threads) {
    float[] rgba = source.clone();
    try (FrameRenderer sampler = new FrameRenderer(threads)) {
      sampler.compositeRgba(maps, rgba, atlas, 0.8f);
    }
    return rgba;
  }

  private static FloatBuffer plane(ByteOrder order, int offsetFloats, float[] content) {
    FloatBuffer f =
        ByteBuffer.allocateDirect(4 * (offsetFloats + content.length)).order(order).asFloatBuffer();
    f.put(offsetFloats, content);
    return f.position(offsetFloats);
  }

  private static int[] bits(FloatBuffer b, int from, int n) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) v[i] = Float.floatToRawIntBits(b.get(from + i));
    return v;
  }

  private static int[] bits(float[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
    return b;
  }

  @Test
  void planeToPlaneEqualsTheArrayCompositeBitForBit() {
    int[] expected = bits(arrayComposite(1));
    for (ByteOrder order : new ByteOrder[] {ByteOrder.nativeOrder(), ByteOrder.BIG_ENDIAN}) {
      for (int threads : new int[] {1, 3}) {
        FloatBuffer in = plane(order, 3, source);
        FloatBuffer out = plane(order, 8, new float[4 * N]);
        try (FrameRenderer sampler = new FrameRenderer(threads)) {
          sampler.compositeRgba(maps, in, out, atlas, 0.8f);
        }
        assertArrayEquals(expected, bits(out, 8, 4 * N), order + ", " + threads + " threads");
        assertArrayEquals(bits(source), bits(in, 3, 4 * N), "the source plane is not written");
        assertEquals(8, out.position(), "positions unchanged");
      }
    }
  }

  @Test
  void theSamePlaneInAndOutIsCompositedInPlace() {
    FloatBuffer both = plane(ByteOrder.nativeOrder(), 0, source);
    try (FrameRenderer sampler = new FrameRenderer(2)) {
      sampler.compositeRgba(maps, both, both, atlas, 0.8f);
    }
    assertArrayEquals(bits(arrayComposite(2)), bits(both, 0, 4 * N));
  }

  @Test
  void aPlaneTooSmallIsRefused() {
    FloatBuffer in = plane(ByteOrder.nativeOrder(), 0, source);
    FloatBuffer out = plane(ByteOrder.nativeOrder(), 0, new float[4 * N - 4]);
    try (FrameRenderer sampler = new FrameRenderer(1)) {
      assertThrows(
          IllegalArgumentException.class, () -> sampler.compositeRgba(maps, in, out, atlas, 0.8f));
    }
  }
}
