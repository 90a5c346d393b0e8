package org.styleatlas.engine.decompose;

import org.styleatlas.engine.config.DecompositionConfig;
import org.styleatlas.engine.config.ScheduleConfig;

/** Presets shrunk for tests on tiny clips. */
final class TestConfigs {
  private TestConfigs() {}

  /** {@code base} with {@code iterations} main steps, 30 pre-training steps, 1024-pixel batches. */
  static DecompositionConfig tiny(DecompositionConfig base, int iterations) {
    ScheduleConfig s = base.schedule();
    return base.withSchedule(new ScheduleConfig(iterations, 30, 1024, s.seed(), 20)).withAtlasResolution(128);
  }

  /** Single-threaded torch: on 2 shared cores, OpenMP threads spinning against other processes cost ~5×. */
  static void singleThreaded() {
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }
}
