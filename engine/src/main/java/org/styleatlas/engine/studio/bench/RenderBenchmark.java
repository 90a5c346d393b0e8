package org.styleatlas.engine.studio.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.render.FrameRenderer;
import org.styleatlas.engine.render.FrameResampler;
import org.styleatlas.engine.render.LayerMapSource;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.runtime.RunStats;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.video.Frame;

/**
 * Frames per second of {@link FrameRenderer} from cached maps, at a given output size: maps
 * evaluated (or read from the per-resolution cache) beforehand, composite mode at strength 0.8 over
 * sources already at the output size. {@link #prepare} and {@link #measure} run on any
 * decomposition (the CLI's {@code styleatlas bench stylize} uses a decomposed DAVIS clip); {@link
 * #main} on the embedded demo clip's exact decomposition, one and N threads side by side.
 *
 * <p>Usage: {@code RenderBenchmark [WIDTH HEIGHT [FRAMES [RUNS [THREADS...]]]]}, default 1920 1080
 * 8 5 1 2.
 */
public final class RenderBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(RenderBenchmark.class);
  private static final float STRENGTH = 0.8f;

  private RenderBenchmark() {}

  /**
   * What is rendered: the first frames' maps and sources at the output size, and the atlases.
   *
   * @param maps per frame, at the output size
   * @param sources per frame, resized to the output size
   */
  public record Workload(
      List<FrameLayerMaps> maps,
      List<Frame> sources,
      AtlasTexture foreground,
      AtlasTexture background) {
    /** Frames rendered per pass. */
    public int frames() {
      return maps.size();
    }
  }

  /**
   * Reads or evaluates the maps of the first {@code frames} frames at {@code width x height},
   * resizes their sources.
   */
  public static Workload prepare(
      LayerMapSource source,
      IntFunction<Frame> originals,
      AtlasSet atlases,
      int width,
      int height,
      int frames) {
    List<FrameLayerMaps> maps = new ArrayList<>();
    List<Frame> sources = new ArrayList<>();
    for (int t = 0; t < Math.min(frames, source.frameCount()); t++) {
      maps.add(source.maps(t, width, height));
      sources.add(FrameResampler.resize(originals.apply(t), width, height));
    }
    return new Workload(maps, sources, atlases.foregroundAt(STRENGTH), atlases.background());
  }

  /**
   * Frames per second over {@code runs} passes through the workload with {@code threads} threads,
   * after one untimed frame.
   */
  public static RunStats measure(Workload w, int runs, int threads) {
    double[] fps = new double[runs];
    try (FrameRenderer renderer = new FrameRenderer(threads)) {
      renderer.render(
          w.maps().get(0),
          w.sources().get(0),
          w.foreground(),
          w.background(),
          OutputMode.COMPOSITE);
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        for (int t = 0; t < w.maps().size(); t++) {
          renderer.render(
              w.maps().get(t),
              w.sources().get(t),
              w.foreground(),
              w.background(),
              OutputMode.COMPOSITE);
        }
        fps[r] = w.maps().size() / ((System.nanoTime() - start) / 1e9);
      }
    }
    return RunStats.of(fps);
  }

  public static void main(String[] args) {
    int w = args.length > 1 ? Integer.parseInt(args[0]) : 1920;
    int h = args.length > 1 ? Integer.parseInt(args[1]) : 1080;
    int frames = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int[] threads =
        args.length > 4
            ? Arrays.stream(args, 4, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 2};
    SyntheticScene scene = Scenes.demo();
    Workload workload = prepare(scene, scene::frame, scene.atlases(), w, h, frames);
    for (int n : threads) {
      LOG.info(
          "render {}x{} composite, {} thread(s): {} fps over {} runs of {} frames",
          w,
          h,
          n,
          measure(workload, runs, n).format(1),
          runs,
          frames);
    }
  }
}
