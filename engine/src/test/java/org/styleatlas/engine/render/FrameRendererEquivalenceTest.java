package org.styleatlas.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.video.Frame;

/**
 * The optimised {@link FrameRenderer} against the frozen per-pixel {@link ReferenceFrameRenderer}:
 * every output mode, random maps (α at, around and far from the 1/512 cut-off; uv at and beyond the
 * atlas edges), random atlases over partial extents, sources smaller, larger and equal to the
 * output, RGB and RGBA, one to three threads. The frames must be bit-identical.
 */
class FrameRendererEquivalenceTest {
  /** Output sizes: odd, wide, tall enough for many row bands, a single row and a single column. */
  private static final int[][] SIZES = {{67, 41}, {130, 301}, {5, 1}, {1, 7}};

  /** Source sizes relative to the output: smaller, larger, the same. */
  private static final int[][] SOURCE_SIZES = {{23, 19}, {150, 90}, {0, 0}};

  @Test
  void everyModeMatchesTheReferenceBitForBit() {
    Random rnd = new Random(20261204);
    int cases = 0;
    for (int threads = 1; threads <= 3; threads++) {
      try (FrameRenderer renderer = new FrameRenderer(threads)) {
        for (int[] size : SIZES) {
          FrameLayerMaps maps = randomMaps(rnd, size[0], size[1]);
          AtlasTexture fg =
              randomAtlas(rnd, 2 + rnd.nextInt(30), 2 + rnd.nextInt(30), randomExtent(rnd));
          AtlasTexture bg =
              randomAtlas(rnd, 2 + rnd.nextInt(30), 2 + rnd.nextInt(30), AtlasExtent.FULL);
          for (int[] srcSize : SOURCE_SIZES) {
            int sw = srcSize[0] == 0 ? size[0] : srcSize[0];
            int sh = srcSize[1] == 0 ? size[1] : srcSize[1];
            Frame source = randomFrame(rnd, sw, sh, rnd.nextBoolean() ? 4 : 3);
            for (OutputMode mode : OutputMode.values()) {
              Frame expected = ReferenceFrameRenderer.render(maps, source, fg, bg, mode);
              Frame actual = renderer.render(maps, source, fg, bg, mode);
              assertIdentical(
                  expected,
                  actual,
                  mode
                      + " "
                      + size[0]
                      + "x"
                      + size[1]
                      + " from "
                      + sw
                      + "x"
                      + sh
                      + "x"
                      + source.channels()
                      + ", "
                      + threads
                      + " thread(s)");
              cases++;
            }
          }
        }
      }
    }
    assertEquals(3 * SIZES.length * SOURCE_SIZES.length * OutputMode.values().length, cases);
  }

  @Test
  void theMinimalAtlasAndUvExactlyOnItsEdgesMatch() {
    AtlasExtent extent = new AtlasExtent(-0.5, -0.25, 0.75, 1);
    AtlasTexture fg = randomAtlas(new Random(7), 2, 2, extent);
    float[] edges = {
      -0.5f, 0.75f, -0.25f, 1f, -1f, 1f, Math.nextDown(0.75f), Math.nextUp(-0.5f), 0.125f
    };
    int n = edges.length * edges.length;
    float[] uv = new float[2 * n];
    float[] alpha = new float[n];
    for (int i = 0; i < edges.length; i++) {
      for (int j = 0; j < edges.length; j++) {
        int p = i * edges.length + j;
        uv[2 * p] = edges[i];
        uv[2 * p + 1] = edges[j];
        alpha[p] = p % 3 == 0 ? FrameRenderer.INVISIBLE_ALPHA : 0.5f;
      }
    }
    FrameLayerMaps maps = new FrameLayerMaps(edges.length, edges.length, uv, uv.clone(), alpha);
    Frame source = randomFrame(new Random(8), 4, 4, 3);
    try (FrameRenderer renderer = new FrameRenderer(2)) {
      for (OutputMode mode : OutputMode.values()) {
        assertIdentical(
            ReferenceFrameRenderer.render(maps, source, fg, fg, mode),
            renderer.render(maps, source, fg, fg, mode),
            mode.cliName());
      }
    }
  }

  private static void assertIdentical(Frame expected, Frame actual, String what) {
    assertEquals(expected.width(), actual.width(), what);
    assertEquals(expected.height(), actual.height(), what);
    assertEquals(expected.channels(), actual.channels(), what);
    float[] e = expected.pixels();
    float[] a = actual.pixels();
    for (int i = 0; i < e.length; i++) {
      if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
        fail(
            what
                + ": value "
                + i
                + " (pixel "
                + i / expected.channels()
                + ") is "
                + a[i]
                + ", the reference "
                + e[i]);
      }
    }
  }

  /**
   * α: exact 0 and 1, at and one ulp around 1/512, and uniform; uv uniform in [-1.3, 1.3] with some
   * exactly ±1.
   */
  static FrameLayerMaps randomMaps(Random rnd, int w, int h) {
    int n = w * h;
    float cut = FrameRenderer.INVISIBLE_ALPHA;
    float[] special = {0, 1, cut, Math.nextDown(cut), Math.nextUp(cut), 1e-6f};
    float[] alpha = new float[n];
    for (int p = 0; p < n; p++) {
      alpha[p] = rnd.nextInt(3) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextFloat();
    }
    return new FrameLayerMaps(w, h, randomUv(rnd, n), randomUv(rnd, n), alpha);
  }

  private static float[] randomUv(Random rnd, int n) {
    float[] uv = new float[2 * n];
    for (int i = 0; i < uv.length; i++) {
      int kind = rnd.nextInt(8);
      uv[i] = kind == 0 ? -1f : kind == 1 ? 1f : rnd.nextFloat() * 2.6f - 1.3f;
    }
    return uv;
  }

  private static AtlasExtent randomExtent(Random rnd) {
    double u0 = rnd.nextDouble() - 1;
    double v0 = rnd.nextDouble() - 1;
    return new AtlasExtent(u0, v0, u0 + 0.3 + rnd.nextDouble(), v0 + 0.3 + rnd.nextDouble());
  }

  static AtlasTexture randomAtlas(Random rnd, int w, int h, AtlasExtent extent) {
    float[] rgb = new float[w * h * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = rnd.nextFloat();
    }
    return new AtlasTexture(w, h, rgb, extent);
  }

  static Frame randomFrame(Random rnd, int w, int h, int channels) {
    float[] px = new float[w * h * channels];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextFloat() * 1.2f;
    }
    return new Frame(w, h, channels, px);
  }
}
