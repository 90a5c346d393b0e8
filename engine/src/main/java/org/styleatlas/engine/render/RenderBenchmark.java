package org.styleatlas.engine.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.stylize.Scenes;
import org.styleatlas.engine.stylize.SyntheticScene;
import org.styleatlas.engine.video.Frame;

/**
 * Frames per second of {@link FrameRenderer} from cached maps, at a given output size: the embedded demo
 * clip's exact decomposition, maps evaluated once per frame beforehand (as the render cache holds them),
 * composite mode over sources already at the output size. Prints the median of several runs for each
 * thread count, so one-thread and N-thread figures are measured side by side.
 *
 * <p>Usage: {@code RenderBenchmark [WIDTH HEIGHT [FRAMES [RUNS [THREADS...]]]]}, default 1920 1080 8 5 1 2.
 */
public final class RenderBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(RenderBenchmark.class);

  private RenderBenchmark() {}

  public static void main(String[] args) {
    int w = args.length > 1 ? Integer.parseInt(args[0]) : 1920;
    int h = args.length > 1 ? Integer.parseInt(args[1]) : 1080;
    int frames = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int[] threads = args.length > 4 ? Arrays.stream(args, 4, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 2};
    SyntheticScene scene = Scenes.demo();
    List<LayerMaps> maps = new ArrayList<>();
    List<Frame> sources = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      maps.add(scene.maps(t, w, h));
      sources.add(FrameResampler.resize(scene.frame(t), w, h));
    }
    AtlasSet atlases = scene.atlases();
    AtlasTexture fg = atlases.foregroundAt(0.8f);
    for (int n : threads) {
      double[] fps = new double[runs];
      try (FrameRenderer renderer = new FrameRenderer(n)) {
        renderer.render(maps.get(0), sources.get(0), fg, atlases.background(), OutputMode.COMPOSITE);
        for (int r = 0; r < runs; r++) {
          long start = System.nanoTime();
          for (int t = 0; t < frames; t++) {
            renderer.render(maps.get(t), sources.get(t), fg, atlases.background(), OutputMode.COMPOSITE);
          }
          fps[r] = frames / ((System.nanoTime() - start) / 1e9);
        }
      }
      Arrays.sort(fps);
      LOG.info("render {}x{} composite, {} thread(s): median {} fps over {} runs of {} frames (min {}, max {})", w, h,
          n, String.format("%.1f", fps[runs / 2]), runs, frames, String.format("%.1f", fps[0]),
          String.format("%.1f", fps[runs - 1]));
    }
  }
}
