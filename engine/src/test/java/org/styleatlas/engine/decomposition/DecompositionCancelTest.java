package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;

/** A cancel during the optical-flow stage ends the job at the next frame pair. */
class DecompositionCancelTest {
  @TempDir Path cacheDir;

  @Test
  void aCancelDuringFlowStopsAtTheNextFramePairAndStoresNothing() {
    TestConfigs.singleThreaded();
    Clip clip =
        SyntheticClipGenerator.generate(
                SyntheticClipSpec.embeddedDefault().resized(64, 36, 8).rigid())
            .clip();
    ContentCache cache = new ContentCache(cacheDir, 1L << 30);
    Cancellation cancellation = Cancellation.none();
    List<String> tasks = new ArrayList<>();
    DecompositionJob job =
        DecompositionJob.builder()
            .setClip(clip)
            .setConfig(TestConfigs.tiny(DecompositionConfig.fast(), 5))
            .optCache(cache)
            .optCancellation(cancellation)
            .optProgress(
                (task, done, total, detail) -> {
                  tasks.add(task + " " + done + "/" + total);
                  cancellation.cancel();
                })
            .build();

    CancellationException e = assertThrows(CancellationException.class, job::run);

    assertTrue(e.getMessage().contains("optical flow after 1 of 7"), e.getMessage());
    assertEquals(1, tasks.size(), "updates after the cancel: " + tasks);
    assertTrue(cache.list().isEmpty(), "nothing cached: " + cache.list());
  }
}
