package org.styleatlas.engine.render;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.runtime.RunStats;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.video.Frame;

/**
 * Before/after in one JVM: the frozen per-pixel {@link ReferenceFrameRenderer} (today's renderer on
 * one thread) against {@link FrameRenderer} on one thread, interleaved run by run on the same
 * frames, timed by the thread's CPU time (and wall clock), so other processes on a shared machine
 * skew both alike. Composite at strength 0.8 from sources already at the output size (as {@link
 * org.styleatlas.engine.studio.bench.RenderBenchmark}) and from sources at the working size (as the
 * CLI renders).
 *
 * <p>Usage: {@code RenderKernelBenchmark WIDTH HEIGHT FRAMES RUNS [DATA CACHE CLIP
 * DECOMPOSE_ITERATIONS]}; without DATA the embedded demo clip, with it the DAVIS clip's cached
 * decomposition at long edge 384.
 */
public final class RenderKernelBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(RenderKernelBenchmark.class);
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private RenderKernelBenchmark() {}

  public static void main(String[] args) throws Exception {
    int w = Integer.parseInt(args[0]);
    int h = Integer.parseInt(args[1]);
    int frames = Integer.parseInt(args[2]);
    int runs = Integer.parseInt(args[3]);
    try (EditableScene scene = args.length > 4 ? davis(args) : Scenes.demo()) {
      AtlasTexture fg = scene.atlases().foregroundAt(0.8f);
      List<FrameLayerMaps> maps = new ArrayList<>();
      List<Frame> full = new ArrayList<>();
      List<Frame> working = new ArrayList<>();
      long above = 0;
      for (int t = 0; t < Math.min(frames, scene.frameCount()); t++) {
        FrameLayerMaps m = scene.maps().maps(t, w, h);
        maps.add(m);
        working.add(scene.frame(t));
        full.add(FrameResampler.resize(scene.frame(t), w, h));
        for (float a : m.alpha()) {
          above += a >= FrameRenderer.INVISIBLE_ALPHA ? 1 : 0;
        }
      }
      LOG.info(
          "{}x{}, {} frames, {} % of pixels at or above the α cut-off",
          w, h, maps.size(), String.format("%.1f", 100.0 * above / ((long) w * h * maps.size())));
      compare("source at the output size", maps, full, fg, runs);
      compare("source at " + scene.width() + "x" + scene.height(), maps, working, fg, runs);
    }
  }

  private static EditableScene davis(String[] args) throws java.io.IOException {
    Path dir = Path.of(args[4]).resolve(args[6]);
    ContentCache cache = new ContentCache(Path.of(args[5]), 20L << 30);
    return Scenes.open(
        Optional.of(dir.resolve("frames")),
        Optional.of(dir.resolve("masks")),
        384,
        DecompositionConfig.fast().withIterations(Integer.parseInt(args[7])),
        cache,
        ProgressSink.NONE);
  }

  private static void compare(
      String what, List<FrameLayerMaps> maps, List<Frame> sources, AtlasTexture fg, int runs) {
    double[][] cpu = new double[2][runs];
    double[][] wall = new double[2][runs];
    try (FrameRenderer renderer = new FrameRenderer(1)) {
      for (int r = -1; r < runs; r++) {
        for (int k = 0; k < 2; k++) {
          long c0 = CPU.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          for (int t = 0; t < maps.size(); t++) {
            if (k == 0) {
              ReferenceFrameRenderer.render(
                  maps.get(t), sources.get(t), fg, null, OutputMode.COMPOSITE);
            } else {
              renderer.render(maps.get(t), sources.get(t), fg, null, OutputMode.COMPOSITE);
            }
          }
          if (r >= 0) {
            cpu[k][r] = maps.size() / ((CPU.getCurrentThreadCpuTime() - c0) / 1e9);
            wall[k][r] = maps.size() / ((System.nanoTime() - w0) / 1e9);
          }
        }
      }
    }
    LOG.info(
        "{}: per-pixel reference {} fps per CPU-second ({} fps wall), kernels {} fps per CPU-second ({} fps"
            + " wall), median CPU ratio {}",
        what,
        RunStats.of(cpu[0]).format(1),
        RunStats.of(wall[0]).format(1),
        RunStats.of(cpu[1]).format(1),
        RunStats.of(wall[1]).format(1),
        String.format("%.2f", RunStats.of(cpu[1]).median() / RunStats.of(cpu[0]).median()));
  }
}
