package org.styleatlas.engine.decomposition;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * Learning-rate decay on the generated rigid clip (64x36, 8 frames), for docs/DECOMPOSITION.md: the
 * fast preset with its final rate factor and with constant rates, seeds 1–8, {@link #ITERATIONS}
 * steps each. Off by default; run with {@code mvn -B -q -o -pl engine -am test
 * -Dtest=LearningRateDecayBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstyleatlas.bench=true}.
 */
@EnabledIfSystemProperty(named = "styleatlas.bench", matches = "true")
class LearningRateDecayBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(LearningRateDecayBenchmark.class);
  private static final int ITERATIONS = 300;
  private static final int SEEDS = 8;

  @Test
  void psnrWithAndWithoutDecay() throws Exception {
    TestConfigs.singleThreaded();
    SyntheticClip synthetic =
        SyntheticClipGenerator.generate(
            SyntheticClipSpec.embeddedDefault().resized(64, 36, 8).rigid());
    DecompositionConfig fast = TestConfigs.tiny(DecompositionConfig.fast(), ITERATIONS);
    DecompositionConfig constant = fast.withOptimizer(fast.optimizer().withFinalRateFactor(1));
    List<String> rows = new ArrayList<>();
    double[] sums = new double[2];
    for (int seed = 1; seed <= SEEDS; seed++) {
      double[] psnr = new double[2];
      int i = 0;
      for (DecompositionConfig c : List.of(constant, fast)) {
        DecompositionConfig seeded = c.withSchedule(c.schedule().withSeed(seed));
        try (Decomposition d =
            DecompositionJob.builder().setClip(synthetic.clip()).setConfig(seeded).build().run()) {
          psnr[i] = d.report().meanPsnr();
        }
        sums[i] += psnr[i];
        i++;
      }
      rows.add(
          String.format(
              "seed %d: constant %.2f dB, decay to %.2f× %.2f dB",
              seed, psnr[0], fast.optimizer().finalRateFactor(), psnr[1]));
    }
    rows.forEach(r -> LOG.info("{}", r));
    LOG.info(
        "mean over {} seeds, {} steps: constant {} dB, decay {} dB",
        SEEDS,
        ITERATIONS,
        String.format("%.2f", sums[0] / SEEDS),
        String.format("%.2f", sums[1] / SEEDS));
  }
}
