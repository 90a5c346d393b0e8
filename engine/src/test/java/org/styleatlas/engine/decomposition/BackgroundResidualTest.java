package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.Lever;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;

/**
 * Lever {@code background} on a generated clip (64x36, 8 frames, rigid object) whose background's
 * lower half carries a travelling wave fixed to the screen ({@link SyntheticClipSpec#shimmer} 0.1),
 * which no background mapping with one colour per atlas point can represent: the same {@link
 * #ITERATIONS} steps with and without the colour residual. The residual must reconstruct outside
 * the object above {@link #OUTSIDE_DB}, which the model without it misses, and its atlas-only
 * reconstruction must be the model without it, bit for bit (the residual trains on its own).
 */
class BackgroundResidualTest {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundResidualTest.class);
  private static final int ITERATIONS = 150;
  private static final double SHIMMER = 0.1;

  /** Outside-matte PSNR the residual reaches and the atlas alone does not (see the log). */
  private static final double OUTSIDE_DB = 32;

  @TempDir static Path cacheDir;
  static SyntheticClip synthetic;
  static Decomposition plain;
  static Decomposition withResidual;

  @BeforeAll
  static void train() throws Exception {
    TestConfigs.singleThreaded();
    synthetic =
        SyntheticClipGenerator.generate(
            SyntheticClipSpec.embeddedDefault().resized(64, 36, 8).rigid().shimmering(SHIMMER));
    ContentCache cache = new ContentCache(cacheDir, 1L << 30);
    plain = run(cache, "encoding+sampling+opacity");
    withResidual = run(cache, "encoding+sampling+opacity+background");
  }

  private static Decomposition run(ContentCache cache, String variant) throws Exception {
    Decomposition d =
        DecompositionJob.builder()
            .setClip(synthetic.clip())
            .setConfig(TestConfigs.tiny(Lever.variant(variant), ITERATIONS))
            .optCache(cache)
            .build()
            .run();
    ClipQuality q = d.report().quality();
    LOG.info(
        "{}: mean {} dB, outside {} dB, atlas-only mean {} outside {}",
        variant,
        q.meanPsnr(),
        q.meanPsnrOutside(),
        q.meanPsnrAtlasOnly(),
        q.meanPsnrOutsideAtlasOnly());
    return d;
  }

  @AfterAll
  static void close() {
    for (Decomposition d : new Decomposition[] {plain, withResidual}) {
      if (d != null) {
        d.close();
      }
    }
  }

  @Test
  void theResidualReconstructsWhatTheAtlasCannot() {
    ClipQuality before = plain.report().quality();
    ClipQuality after = withResidual.report().quality();
    assertTrue(
        before.meanPsnrOutside() < OUTSIDE_DB,
        "without the residual the shimmer is averaged: " + before.meanPsnrOutside() + " dB");
    assertTrue(
        after.meanPsnrOutside() >= OUTSIDE_DB,
        "with the residual outside the object: " + after.meanPsnrOutside() + " dB");
    assertTrue(after.meanPsnr() > before.meanPsnr() + 1, after.meanPsnr() + " dB");
  }

  @Test
  void theAtlasOnlyReconstructionIsTheModelWithoutTheResidual() {
    ClipQuality before = plain.report().quality();
    ClipQuality after = withResidual.report().quality();
    assertNull(before.meanPsnrAtlasOnly(), "no residual, no atlas-only figure");
    assertNotNull(after.meanPsnrAtlasOnly());
    assertEquals(before.meanPsnr(), after.meanPsnrAtlasOnly(), 1e-9);
    assertEquals(before.meanPsnrOutside(), after.meanPsnrOutsideAtlasOnly(), 1e-9);
    for (FrameQuality f : withResidual.report().frameQuality()) {
      assertEquals(plain.report().frameQuality().get(f.frame()).psnr(), f.psnrAtlasOnly(), 1e-9);
    }
  }

  @Test
  void theShimmerMovesOnlyTheLowerHalfOfTheBackground() {
    Clip still =
        SyntheticClipGenerator.generate(
                SyntheticClipSpec.embeddedDefault().resized(64, 36, 8).rigid())
            .clip();
    Clip shimmering = synthetic.clip();
    int w = 64;
    for (int t = 0; t < 8; t++) {
      float[] a = still.frame(t).pixels();
      float[] b = shimmering.frame(t).pixels();
      float[] m = still.matte(t).values();
      assertArrayEquals(
          Arrays.copyOf(a, 18 * w * 3), Arrays.copyOf(b, 18 * w * 3), 0f, "upper half, frame " + t);
      boolean moved = false;
      for (int p = 20 * w; p < 36 * w; p++) {
        moved |= m[p] == 0 && Math.abs(a[3 * p] - b[3 * p]) > 0.02;
      }
      assertTrue(moved, "the lower background of frame " + t + " carries the shimmer");
    }
    assertFalse(
        Arrays.equals(shimmering.frame(0).pixels(), shimmering.frame(1).pixels()),
        "the shimmer changes over time");
  }

  @Test
  void withoutTheLeverTheConfigAndItsKeyAreAsBefore() {
    // the preset before the lever = encoding + sampling
    DecompositionConfig preset = Lever.variant("encoding+sampling");
    assertNull(preset.model().backgroundResidual());
    assertFalse(preset.fingerprint().contains("backgroundResidual"), preset.fingerprint());
    assertTrue(
        preset.fingerprint().contains("sharedAtlas=false]|"),
        "the model's text ends as the record's own did: " + preset.fingerprint());
    assertTrue(Lever.variant("background").fingerprint().contains("backgroundResidual"));
    assertTrue(
        DecompositionConfig.fast().fingerprint().contains("backgroundResidual"),
        "the fast preset has the residual");
  }
}
