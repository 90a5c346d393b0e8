package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.Lever;
import org.styleatlas.engine.decomposition.config.OpacitySource;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * Lever {@code opacity} end to end on the generated clip (64x36, 8 frames, 40 steps): the given
 * matte is the opacity of the working maps, of the maps at any other size and of the reconstruction
 * the report measures; M_α's own coverage is reported beside it.
 */
class MatteOpacityDecompositionTest {
  @TempDir static Path cacheDir;
  static SyntheticClip synthetic;
  static Decomposition trained;

  @BeforeAll
  static void train() throws Exception {
    TestConfigs.singleThreaded();
    synthetic =
        SyntheticClipGenerator.generate(
            SyntheticClipSpec.embeddedDefault().resized(64, 36, 8).rigid());
    DecompositionConfig c =
        Lever.only(
            DecompositionConfig.fast(), EnumSet.of(Lever.ENCODING, Lever.SAMPLING, Lever.OPACITY));
    assertEquals(OpacitySource.MATTE, c.opacity());
    trained =
        DecompositionJob.builder()
            .setClip(synthetic.clip())
            .setConfig(TestConfigs.tiny(c, 40))
            .optCache(new ContentCache(cacheDir, 1L << 30))
            .build()
            .run();
  }

  @AfterAll
  static void close() {
    if (trained != null) {
      trained.close();
    }
  }

  @Test
  void workingOpacityIsTheMatteAndTheReportSaysSo() throws Exception {
    assertTrue(trained.opacityIsMatte());
    assertEquals(DecompositionReport.OPACITY_MATTE, trained.report().opacity());
    ClipLayerMaps maps = trained.maps();
    for (int t = 0; t < maps.frames(); t++) {
      assertArrayEquals(synthetic.clip().matte(t).values(), maps.alpha().get(t), 0f, "frame " + t);
    }
    for (FrameQuality q : trained.report().frameQuality()) {
      assertEquals(1.0, q.alphaIou(), 0.0, "rendered opacity of frame " + q.frame());
      assertNotNull(q.learnedAlphaIou(), "M_α's coverage of frame " + q.frame());
      assertTrue(q.learnedAlphaIou() > 0 && q.learnedAlphaIou() <= 1);
    }
    assertEquals(1.0, trained.report().quality().minAlphaIou(), 0.0);
    assertNotNull(trained.report().quality().minLearnedAlphaIou());
  }

  @Test
  void otherSizesResampleTheMatteNotM_alpha() {
    int w = 96;
    int h = 54;
    MatteOpacity matte =
        new MatteOpacity(
            64,
            36,
            IntStream.range(0, 8).mapToObj(t -> synthetic.clip().matte(t).values()).toList());
    ClipLayerMaps big = trained.evaluate(w, h, 3, 4, ProgressSink.NONE);
    assertArrayEquals(matte.frame(3, w, h), big.alpha().get(0), 0f);
    int[] pixels = {0, 1234, w * h / 2 + w / 2, w * h - 1};
    float[] some = trained.evaluatePixels(w, h, 3, pixels);
    float[] expected = matte.pixels(3, w, h, pixels);
    for (int i = 0; i < pixels.length; i++) {
      assertEquals(expected[i], some[5 * i + 4], 0f, "pixel " + pixels[i]);
    }
    int[] alone = {7, 2000, w * h - 2};
    float[] withAlone = trained.evaluatePixels(w, h, 3, pixels, alone);
    float[] expectedAlone = matte.pixels(3, w, h, alone);
    for (int i = 0; i < alone.length; i++) {
      assertEquals(expectedAlone[i], withAlone[5 * pixels.length + i], 0f, "α-only " + alone[i]);
    }
  }

  @Test
  void learnedOpacityLeavesTheReportAsBefore() {
    DecompositionConfig preset = DecompositionConfig.fast();
    assertEquals(OpacitySource.LEARNED, preset.opacity());
    assertTrue(!preset.fingerprint().contains("opacity"), preset.fingerprint());
    assertNull(new FrameQuality(0, 30, 29.0, 31.0, 0.9).learnedAlphaIou());
  }
}
