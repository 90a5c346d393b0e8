package org.styleatlas.engine.render;

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
 * Renders a whole DAVIS clip from its cached decomposition to a file through {@link
 * RenderJob#write}, as {@code styleatlas render} does, and logs the wall time and the heap's peak
 * use, to compare the memory of a collected and a streamed render (run it on either build's jars:
 * it uses only API both have).
 *
 * <p>Usage: {@code StreamingRenderCheck DATA CACHE CLIP DECOMPOSE_ITERATIONS WIDTH HEIGHT THREADS
 * OUT}.
 */
public final class StreamingRenderCheck {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingRenderCheck.class);

  private StreamingRenderCheck() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).resolve(args[2]);
    ContentCache cache = new ContentCache(Path.of(args[1]), 20L << 30);
    RenderSettings settings =
        new RenderSettings(
            OutputMode.COMPOSITE,
            1f,
            Integer.parseInt(args[4]),
            Integer.parseInt(args[5]),
            Integer.parseInt(args[6]));
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
      double seconds =
          RenderJob.write(
              new ClipRenderer(scene.maps(), scene.atlases()),
              scene::frame,
              settings,
              scene.fps(),
              Path.of(args[7]),
              ProgressSink.NONE);
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        peak += pool.getType() == MemoryType.HEAP ? pool.getPeakUsage().getUsed() : 0;
      }
      LOG.info(
          "{} frames at {}x{} to {} in {} s ({} fps), peak heap {} MB",
          scene.frameCount(),
          settings.width(),
          settings.height(),
          args[7],
          String.format("%.1f", seconds),
          String.format("%.1f", scene.frameCount() / seconds),
          peak >> 20);
    }
  }
}
