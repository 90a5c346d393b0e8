package org.styleatlas.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;

/**
 * The composite's frame buffers are kept from request to request: a composite gives the same floats
 * whatever frame the kept buffer held before (and whatever size came in between).
 */
class SourceCompositeTest {
  private static final int W = 37;
  private static final int H = 23;

  private static float[] composite(
      FrameRenderer sampler, FrameLayerMaps maps, float[] rgba, AtlasTexture atlas) {
    FloatBuffer out = FloatBuffer.allocate(rgba.length);
    SourceComposite.render(sampler, maps, FloatBuffer.wrap(rgba), atlas, 0.8f, out);
    return out.array();
  }

  private static float[] random(Random r, int n, float zeroShare) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = r.nextFloat() < zeroShare ? 0f : r.nextFloat() * 2 - 1;
    return v;
  }

  @Test
  void aKeptBufferLeavesNothingOfItsLastFrame() {
    Random r = new Random(3);
    int n = W * H;
    float[] alpha = random(r, n, 0.5f);
    for (int i = 0; i < n; i++) alpha[i] = Math.abs(alpha[i]);
    FrameLayerMaps maps = new FrameLayerMaps(W, H, random(r, 2 * n, 0), random(r, 2 * n, 0), alpha);
    AtlasTexture atlas = new AtlasTexture(16, 16, random(r, 16 * 16 * 3, 0));
    float[] first = random(r, 4 * n, 0);
    float[] second = random(r, 4 * n, 0);
    try (FrameRenderer sampler = new FrameRenderer(2)) {
      float[] secondAlone = composite(sampler, maps, second, atlas);
      float[] firstOut = composite(sampler, maps, first, atlas);
      float[] secondAfterFirst = composite(sampler, maps, second, atlas);
      FrameLayerMaps small =
          new FrameLayerMaps(5, 4, random(r, 40, 0), random(r, 40, 0), new float[20]);
      composite(sampler, small, random(r, 80, 0), atlas);
      float[] firstAgain = composite(sampler, maps, first, atlas);
      assertArrayEquals(secondAlone, secondAfterFirst);
      assertArrayEquals(firstOut, firstAgain);
    }
  }
}
