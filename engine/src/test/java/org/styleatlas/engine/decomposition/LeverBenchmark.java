package org.styleatlas.engine.decomposition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.Lever;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * The #17 levers side by side on the generated clip (64x36, 8 frames; rigid, or bending with {@code
 * -Dstyleatlas.bend=0.5}), {@link #ITERATIONS} steps each ({@code -Dstyleatlas.iterations=N} to
 * change), for docs/BENCHMARKS.md: per variant the report's mean, worst frame, inside/outside PSNR,
 * the rendered opacity's IoU and M_α's. Off by default; run with {@code mvn -B -q -o -pl engine -am
 * test -Dtest=LeverBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dstyleatlas.bench=true
 * [-Dstyleatlas.variants=none,encoding]}.
 */
@EnabledIfSystemProperty(named = "styleatlas.bench", matches = "true")
class LeverBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(LeverBenchmark.class);
  private static final int ITERATIONS = Integer.getInteger("styleatlas.iterations", 150);

  /**
   * The generated object's bend ({@code -Dstyleatlas.bend=0.4}, {@link
   * org.styleatlas.engine.synthetic.ObjectPose}); 0: rigid.
   */
  private static final double BEND = Double.parseDouble(System.getProperty("styleatlas.bend", "0"));

  /**
   * Amplitude of the background's time-varying texture ({@code -Dstyleatlas.shimmer=0.1}, {@link
   * SyntheticClipSpec#shimmer}); 0: none.
   */
  private static final double SHIMMER =
      Double.parseDouble(System.getProperty("styleatlas.shimmer", "0"));

  @Test
  void variantsSideBySide() throws Exception {
    TestConfigs.singleThreaded();
    SyntheticClip synthetic =
        SyntheticClipGenerator.generate(
            SyntheticClipSpec.embeddedDefault()
                .resized(64, 36, 8)
                .bending(BEND)
                .shimmering(SHIMMER));
    Path dir = Files.createTempDirectory("lever-bench");
    ContentCache cache = new ContentCache(dir, 1L << 30);
    List<String> rows = new ArrayList<>();
    for (String variant :
        System.getProperty("styleatlas.variants", "none,encoding,sampling,encoding+sampling")
            .split(",")) {
      DecompositionConfig c = TestConfigs.tiny(Lever.variant(variant), ITERATIONS);
      try (Decomposition d =
          DecompositionJob.builder()
              .setClip(synthetic.clip())
              .setConfig(c)
              .optCache(cache)
              .build()
              .run()) {
        ClipQuality q = d.report().quality();
        rows.add(
            String.format(
                "%-20s %5d steps: mean %.2f dB, worst %.2f (frame %d), inside %.2f, outside %.2f, IoU mean %.3f"
                    + " min %.3f, M_α IoU min %s, atlas-only mean %s outside %s",
                variant,
                d.report().iterations(),
                q.meanPsnr(),
                q.worstPsnr(),
                q.worstFrame(),
                q.meanPsnrInside(),
                q.meanPsnrOutside(),
                q.meanAlphaIou(),
                q.minAlphaIou(),
                q.minLearnedAlphaIou(),
                q.meanPsnrAtlasOnly(),
                q.meanPsnrOutsideAtlasOnly()));
        LOG.info("{}", rows.get(rows.size() - 1));
      }
    }
    rows.forEach(r -> LOG.info("{}", r));
  }
}
