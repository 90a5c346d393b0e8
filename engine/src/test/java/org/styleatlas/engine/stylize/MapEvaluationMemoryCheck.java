package org.styleatlas.engine.stylize;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;

/**
 * Evaluates a DAVIS clip's cached decomposition at a new output size through the per-size map cache
 * ({@link org.styleatlas.engine.maps.MapStore}), as the first render or stylization at that size
 * does, and logs the wall time and the heap's peak use, to compare the memory of a whole-clip and a
 * streamed evaluation (run it on either build's jars: it uses only API both have). The cache must
 * not hold the maps at that size yet.
 *
 * <p>Usage: {@code MapEvaluationMemoryCheck DATA CACHE CLIP DECOMPOSE_ITERATIONS WIDTH HEIGHT}.
 */
public final class MapEvaluationMemoryCheck {
  private static final Logger LOG = LoggerFactory.getLogger(MapEvaluationMemoryCheck.class);

  private MapEvaluationMemoryCheck() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).resolve(args[2]);
    ContentCache cache = new ContentCache(Path.of(args[1]), 20L << 30);
    int width = Integer.parseInt(args[4]);
    int height = Integer.parseInt(args[5]);
    try (EditableScene scene =
        Scenes.open(
            Optional.of(dir.resolve("frames")),
            Optional.of(dir.resolve("masks")),
            384,
            DecompositionConfig.fast().withIterations(Integer.parseInt(args[3])),
            cache,
            ProgressSink.NONE)) {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
      long start = System.nanoTime();
      float[] alpha = scene.maps().maps(scene.frameCount() - 1, width, height).alpha();
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        peak += pool.getType() == MemoryType.HEAP ? pool.getPeakUsage().getUsed() : 0;
      }
      LOG.info(
          "{} frames evaluated at {}x{} into {} in {} s (last frame: {} alpha values), peak heap {} MB",
          scene.frameCount(),
          width,
          height,
          args[1],
          String.format("%.1f", seconds),
          alpha.length,
          peak >> 20);
    }
  }
}
