package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.atlas.model.FrameGeometry;
import org.styleatlas.engine.decomposition.config.PixelSampling;

/**
 * Importance sampling by error on a 30x20x3 clip with 5-pixel tiles (6x4 tiles per frame, 72 in
 * all).
 */
class ErrorMapTest {
  private static final FrameGeometry G = new FrameGeometry(30, 20, 3);
  private static final int PLANE = 30 * 20;

  /** Every tile observed once: error e everywhere, except 100·e on tile (2, 1) of frame 1. */
  private static ErrorMap observedWithOneBadTile(PixelSampling sampling, float[] matte) {
    ErrorMap map = new ErrorMap(G, sampling, matte);
    int[] pixels = new int[G.frames() * PLANE];
    float[] errors = new float[pixels.length];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = p;
      errors[p] = inBadTile(p) ? 0.3f : 0.003f;
    }
    map.observe(pixels, errors);
    map.observe(pixels, errors);
    map.observe(pixels, errors);
    return map;
  }

  private static boolean inBadTile(int p) {
    int t = p / PLANE;
    int x = p % 30;
    int y = (p % PLANE) / 30;
    return t == 1 && x >= 10 && x < 15 && y >= 5 && y < 10;
  }

  @Test
  void drawsMostlyWhereTheErrorIs() {
    ErrorMap map = observedWithOneBadTile(new PixelSampling(1, 5, 0, 1), null);
    assertEquals(72, map.tiles());
    SplittableRandom rnd = new SplittableRandom(7);
    int draws = 20_000;
    int bad = 0;
    for (int i = 0; i < draws; i++) {
      int p = map.draw(rnd);
      assertTrue(p >= 0 && p < G.frames() * PLANE, "pixel " + p);
      bad += inBadTile(p) ? 1 : 0;
    }
    // the bad tile holds 1/72 of the pixels and 100/171 of the error
    double share = bad / (double) draws;
    assertEquals(100.0 / 171, share, 0.02, "share drawn from the high-error tile");
  }

  @Test
  void unseenTilesComeFirstThenTheEstimateFollowsTheObservations() {
    ErrorMap map = new ErrorMap(G, new PixelSampling(1, 5, 0, 1), null);
    SplittableRandom rnd = new SplittableRandom(1);
    // nothing observed: uniform over the clip
    int firstFrame = 0;
    for (int i = 0; i < 9000; i++) {
      firstFrame += map.draw(rnd) < PLANE ? 1 : 0;
    }
    assertEquals(1 / 3.0, firstFrame / 9000.0, 0.03);
    // frame 0 observed as perfect, the others never seen: they keep the largest error
    int[] pixels = new int[PLANE];
    for (int p = 0; p < PLANE; p++) {
      pixels[p] = p;
    }
    map.observe(pixels, new float[PLANE]);
    for (int i = 0; i < 1000; i++) {
      assertTrue(map.draw(rnd) >= PLANE, "drew an observed error-free pixel");
    }
  }

  @Test
  void aDivergedStepLeavesTheEstimatesAlone() {
    ErrorMap map = observedWithOneBadTile(new PixelSampling(1, 5, 0, 1), null);
    int[] pixels = new int[G.frames() * PLANE];
    float[] nan = new float[pixels.length];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = p;
      nan[p] = p % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY;
    }
    map.observe(pixels, nan);
    SplittableRandom rnd = new SplittableRandom(11);
    int bad = 0;
    for (int i = 0; i < 10_000; i++) {
      bad += inBadTile(map.draw(rnd)) ? 1 : 0;
    }
    assertEquals(100.0 / 171, bad / 10_000.0, 0.03);
  }

  @Test
  void theMatteOutlineGetsItsBonus() {
    // object = x < 12 in every frame: the outline crosses tile column 2 (x 10..14)
    float[] matte = new float[G.frames() * PLANE];
    for (int p = 0; p < matte.length; p++) {
      matte[p] = p % 30 < 12 ? 1 : 0;
    }
    ErrorMap map = new ErrorMap(G, new PixelSampling(1, 5, 10, 1), matte);
    int[] pixels = new int[matte.length];
    float[] errors = new float[matte.length];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = p;
      errors[p] = 0.03f;
    }
    map.observe(pixels, errors);
    SplittableRandom rnd = new SplittableRandom(3);
    int onOutline = 0;
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      int x = map.draw(rnd) % 30;
      onOutline += x >= 10 && x < 15 ? 1 : 0;
    }
    // outline tiles weigh 1 + 10 against 1 for the 5 other columns: 11 / 16
    assertEquals(11 / 16.0, onOutline / (double) draws, 0.02);
  }

  @Test
  void batchesTakeTheirFirstPixelsFromTheMap() {
    float[] err = new float[G.frames() * PLANE];
    int[] all = new int[err.length];
    for (int p = 0; p < all.length; p++) {
      all[p] = p;
      err[p] = inBadTile(p) ? 3f : 0f;
    }
    ErrorMap map = new ErrorMap(G, new PixelSampling(0.5, 5, 0, 1), null);
    map.observe(all, err);
    PixelBatch b = grey().sample(new SplittableRandom(5), 200, 2f, map, 100);
    for (int i = 0; i < 100; i++) {
      assertTrue(inBadTile(b.pixels()[i]), "error-drawn pixel " + b.pixels()[i]);
      int p = b.pixels()[i];
      assertEquals(G.x(p % 30 + 0.5), b.xyt()[i * 3], 1e-6);
      assertEquals(G.y((p % PLANE) / 30 + 0.5), b.xyt()[i * 3 + 1], 1e-6);
      assertEquals(G.t(p / PLANE), b.xyt()[i * 3 + 2], 1e-6);
    }
    int uniformInBad = 0;
    for (int i = 100; i < 200; i++) {
      uniformInBad += inBadTile(b.pixels()[i]) ? 1 : 0;
    }
    assertTrue(uniformInBad < 20, "uniform half drew " + uniformInBad + " of 100 from a 1/72 tile");
  }

  /** A grey clip of {@link #G}'s size with zero (consistent) flow. */
  private static TrainingData grey() {
    java.util.List<org.styleatlas.engine.video.Frame> frames = new java.util.ArrayList<>();
    java.util.List<float[]> flow = new java.util.ArrayList<>();
    java.util.List<float[]> mask = new java.util.ArrayList<>();
    for (int t = 0; t < G.frames(); t++) {
      frames.add(org.styleatlas.engine.video.Frame.blank(G.width(), G.height(), 3));
      if (t > 0) {
        flow.add(new float[PLANE * 2]);
        float[] ones = new float[PLANE];
        java.util.Arrays.fill(ones, 1f);
        mask.add(ones);
      }
    }
    return TrainingData.of(
        org.styleatlas.engine.video.Clip.of("grey", 24, frames),
        new org.styleatlas.engine.flow.OpticalFlow(G.width(), G.height(), flow, flow, mask, mask));
  }
}
