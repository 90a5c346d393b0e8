package org.styleatlas.engine.decompose;

import org.styleatlas.engine.config.DecompositionConfig;
import org.styleatlas.engine.config.ScheduleConfig;

/** Presets shrunk for tests on tiny clips. */
final class TestConfigs {
  private TestConfigs() {}

  /** {@code base} with {@code iterations} main steps, 30 pre-training steps, 2048-pixel batches. */
  static DecompositionConfig tiny(DecompositionConfig base, int iterations) {
    ScheduleConfig s = base.schedule();
    return base.withSchedule(new ScheduleConfig(iterations, 30, 2048, s.seed(), 50)).withAtlasResolution(128);
  }
}
