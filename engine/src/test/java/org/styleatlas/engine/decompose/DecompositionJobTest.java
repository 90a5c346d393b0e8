package org.styleatlas.engine.decompose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.config.DecompositionConfig;
import org.styleatlas.engine.synthetic.SyntheticClip;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

class DecompositionJobTest {
  private static final Logger LOG = LoggerFactory.getLogger(DecompositionJobTest.class);

  @TempDir static Path cacheDir;
  static SyntheticClip synthetic;
  static Decomposition trained;

  @BeforeAll
  static void train() throws Exception {
    synthetic = SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(64, 36, 8));
    ContentCache cache = new ContentCache(cacheDir, 1L << 30);
    long t0 = System.nanoTime();
    trained = DecompositionJob.builder().setClip(synthetic.clip())
        .setConfig(TestConfigs.tiny(DecompositionConfig.fast(), 100)).optCache(cache)
        .addListener(m -> LOG.info("it {} {} s loss {}", m.iteration(), m.trainingSeconds(), m.total()), 10)
        .build().run();
    LOG.info("trained in {} s: {}", (System.nanoTime() - t0) / 1e9, trained.report().meanPsnr());
  }

  @AfterAll
  static void close() {
    if (trained != null) {
      trained.close();
    }
  }

  @Test
  void psnr() {
    LOG.info("psnr {} train {} s", trained.report().psnr(), trained.report().trainSeconds());
    trained.report().lossCurve().forEach(p -> LOG.info("{}", p));
    assertTrue(trained.report().meanPsnr() > 20);
  }
}
