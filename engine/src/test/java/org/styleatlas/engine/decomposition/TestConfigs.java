package org.styleatlas.engine.decomposition;

import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.DecompositionSchedule;

/** Presets shrunk for tests on tiny clips. */
final class TestConfigs {
  private TestConfigs() {}

  /**
   * {@code base} with {@code iterations} main steps, 100 pre-training steps (the fast preset's;
   * with the motion initialisation α's IoU with the matte is 0.65 after 100 of them and 0.47 after
   * 30, and they cost a fraction of a main step), 1024-pixel batches.
   */
  static DecompositionConfig tiny(DecompositionConfig base, int iterations) {
    DecompositionSchedule s = base.schedule();
    return base.withSchedule(new DecompositionSchedule(iterations, 100, 1024, s.seed(), 20))
        .withAtlasResolution(128);
  }

  /**
   * Single-threaded torch: on 2 shared cores, OpenMP threads spinning against other processes cost
   * ~5×.
   */
  static void singleThreaded() {
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }
}
