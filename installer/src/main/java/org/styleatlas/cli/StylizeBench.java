package org.styleatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.RunStats;
import org.styleatlas.engine.studio.bench.BenchClip;
import org.styleatlas.engine.studio.bench.OutputSize;
import org.styleatlas.engine.studio.bench.RenderBenchmark;
import org.styleatlas.engine.studio.bench.StylizeRate;
import org.styleatlas.engine.studio.bench.StylizeTimer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas bench stylize}: stylization iterations per second for each CLIP model and
 * preset, and render frames per second at an output size, on a DAVIS clip decomposed (through the
 * cache) with a short fast-mode schedule. The per-iteration cost depends on the views, the editing
 * atlas and the model, not on how well the clip is decomposed. Prints the load average before each
 * measurement.
 */
@Command(
    name = "stylize",
    description = "Stylization it/s per CLIP model and preset, and render fps, on a DAVIS clip.")
final class StylizeBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DavisClipOptions davis;

  @Option(
      names = "--decompose-iterations",
      defaultValue = "200",
      description = "Fast-mode decomposition iterations, cached (default: ${DEFAULT-VALUE}).")
  int decomposeIterations;

  @Option(
      names = "--models",
      split = ",",
      paramLabel = "FILE",
      description =
          "TorchScript CLIP files; ratios are against the first model's first preset. None: render only.")
  List<Path> models = List.of();

  @Option(
      names = "--presets",
      split = ",",
      defaultValue = "draft",
      description = "Presets to time per model.")
  List<String> presets;

  @Option(
      names = "--iterations",
      defaultValue = "5",
      description = "Timed iterations per run (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Runs per row, after one untimed warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--render-size",
      defaultValue = "1920x1080",
      description = "Render benchmark output size; 'none' skips it.")
  String renderSize;

  @Option(names = "--render-frames", defaultValue = "8", description = "Frames per render run.")
  int renderFrames;

  @Option(
      names = "--render-runs",
      defaultValue = "5",
      description = "Render runs per thread count.")
  int renderRuns;

  @Option(
      names = "--render-threads",
      split = ",",
      defaultValue = "1,2",
      description = "Render thread counts.")
  List<Integer> renderThreads;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Torch CPU threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Mixin CacheOption cache;

  @Override
  public Integer call() throws IOException {
    if (iterations < 1
        || runs < 1
        || renderFrames < 1
        || renderRuns < 1
        || decomposeIterations < 1) {
      throw new InputException(
          "--iterations, --runs, --render-frames, --render-runs and --decompose-iterations"
              + " must be at least 1");
    }
    TorchThreads.set(threads);
    PrintWriter out = spec.commandLine().getOut();
    try (BenchClip clip = davis.open(decomposeIterations, cache.dir(), spec)) {
      out.printf(
          "%s: %d frames at %dx%d, fast decomposition of %d iterations (cached); torch threads %d; %d cores,"
              + " Java %s%n",
          davis.clip,
          clip.frameCount(),
          clip.width(),
          clip.height(),
          decomposeIterations,
          threads,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      if (!models.isEmpty()) {
        stylize(clip, out);
      }
      if (!renderSize.equals("none")) {
        render(clip, out);
      }
    }
    return ExitCodes.OK;
  }

  private void stylize(BenchClip clip, PrintWriter out) {
    out.printf(
        "%-22s %-8s %-9s %-6s %-10s %10s %10s %10s %8s%n",
        "model", "preset", "atlas", "views", "view_px", "median", "min", "max", "ratio");
    double reference = 0;
    for (Path model : models) {
      try (StylizeTimer timer = clip.stylizeTimer(model)) {
        for (String preset : presets) {
          out.printf("# load average %s%n", loadAverage());
          out.flush();
          StylizeRate rate = timer.measure(preset, iterations, runs);
          RunStats s = rate.rates();
          reference = reference == 0 ? s.median() : reference;
          out.printf(
              Locale.ROOT,
              "%-22s %-8s %-9s %-6s %-10d %10.3f %10.3f %10.3f %8.2f  it/s%n",
              model.getFileName(),
              preset,
              rate.atlas(),
              rate.globalViews() + "+" + rate.localViews(),
              rate.viewResolution(),
              s.median(),
              s.min(),
              s.max(),
              s.median() / reference);
          out.flush();
        }
      }
    }
    out.printf("# load average %s%n", loadAverage());
  }

  private void render(BenchClip clip, PrintWriter out) {
    OutputSize output = OutputSize.parse("--render-size", renderSize);
    int w = output.width();
    int h = output.height();
    RenderBenchmark.Workload workload = clip.renderWorkload(w, h, renderFrames);
    for (int n : renderThreads) {
      out.printf("# load average %s%n", loadAverage());
      out.flush();
      RunStats s = RenderBenchmark.measure(workload, renderRuns, n);
      out.printf(
          Locale.ROOT,
          "render %dx%d composite, %d thread(s): %s fps over %d runs of %d frames%n",
          w,
          h,
          n,
          s.format(1),
          renderRuns,
          workload.frames());
      out.flush();
    }
    out.printf("# load average %s%n", loadAverage());
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, else the JVM's 1-minute figure. */
  static String loadAverage() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return p[0] + " " + p[1] + " " + p[2];
    } catch (IOException | RuntimeException e) {
      return String.format(
          Locale.ROOT,
          "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
