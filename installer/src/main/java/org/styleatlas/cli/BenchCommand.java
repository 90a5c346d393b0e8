package org.styleatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.studio.bench.BenchClip;
import org.styleatlas.engine.studio.bench.DecompositionBench;
import org.styleatlas.engine.studio.bench.OutputSize;
import org.styleatlas.engine.studio.bench.SizeMapsBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code styleatlas bench}: benchmarks; each is a subcommand (other issues add siblings). */
@Command(
    name = "bench",
    description = "Run a benchmark and print its figures.",
    subcommands = {BenchCommand.Decompose.class, StylizeBench.class, BenchCommand.Render.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing benchmark; see 'styleatlas bench help'.");
  }

  /**
   * {@code styleatlas bench decompose}: PSNR against training time on real clips, for a fixed
   * budget of training time, by default the training thread's CPU time (equal to wall time on an
   * idle machine, and unaffected by other processes on a shared one); the elapsed wall time is
   * printed beside it.
   */
  @Command(name = "decompose", description = "Decomposition PSNR against time on DAVIS clips.")
  static final class Decompose implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        defaultValue = "../shared/data",
        description = "Folder holding <clip>/frames and <clip>/masks.")
    Path data;

    @Option(
        names = "--clips",
        split = ",",
        defaultValue = "blackswan,car-roundabout",
        description = "Clips to run.")
    List<String> clips;

    @Option(
        names = "--modes",
        split = ",",
        defaultValue = "fast",
        description = "fast, faithful, or both.")
    List<String> modes;

    @Option(
        names = "--variants",
        split = ",",
        defaultValue = "preset",
        description =
            "Fast-preset variants measured side by side: preset, none (every #17 lever off) or levers "
                + "joined by '+' (matte, encoding, sampling, opacity, residual, background), e.g. none,matte,sampling,matte+sampling."
                + " Faithful runs its preset.")
    List<String> variants;

    @Option(names = "--size", defaultValue = "384", description = "Working long edge in pixels.")
    int size;

    @Option(names = "--budget", defaultValue = "600", description = "Training seconds per run.")
    double budgetSeconds;

    @Option(
        names = "--every",
        defaultValue = "60",
        description = "Seconds of training between PSNR measurements.")
    double everySeconds;

    @Option(names = "--threads", defaultValue = "1", description = "Torch CPU threads.")
    int threads;

    @Option(
        names = "--clock",
        defaultValue = "THREAD_CPU",
        description =
            "Budget clock: THREAD_CPU (training thread's CPU time; needs --threads 1) or WALL.")
    String clock;

    @Override
    public Integer call() throws Exception {
      DecompositionBench.Request request =
          new DecompositionBench.Request(
              data, clips, modes, variants, size, budgetSeconds, everySeconds, clock, threads);
      TorchThreads.set(threads);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("budget %.0f s of %s training time per run%n", budgetSeconds, request.clockName());
      out.printf(
          "%-16s %-22s %9s %9s %9s %9s%n",
          "clip", "variant", "train_s", "wall_s", "iteration", "psnr_dB");
      out.flush();
      List<DecompositionBench.Run> runs =
          DecompositionBench.run(
              request,
              new DecompositionBench.Listener() {
                @Override
                public void measured(
                    String clip,
                    String variant,
                    double trainingSeconds,
                    double wallSeconds,
                    int iteration,
                    double psnr) {
                  out.printf(
                      "%-16s %-22s %9.1f %9.1f %9d %9.2f%n",
                      clip, variant, trainingSeconds, wallSeconds, iteration, psnr);
                  out.flush();
                }

                @Override
                public void finished(DecompositionBench.Run run) {
                  out.println(SummaryRow.HEADER);
                  out.println(SummaryRow.of(run));
                  out.flush();
                }
              });
      out.println();
      out.println(
          "summary (PSNR over all frames; inside/outside = matte ≥ ½ / < ½; IoU of α > ½ with the matte)");
      out.println(SummaryRow.HEADER);
      runs.stream().map(SummaryRow::of).forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * {@code styleatlas bench render}: the first render of a DAVIS clip at a new output size (maps
   * resampled from the working size, the networks run near the opacity's edges only), the second
   * render from the stored maps, and the resampled frames against a full evaluation of the networks
   * on a few frames (the earlier path's per-frame cost and the 8-bit difference), on a clip
   * decomposed through the cache with a short fast-mode schedule, with the decomposition's own
   * atlases (the render's cost does not depend on the atlas's colours).
   */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description =
          "First render at a new size, second render from the stored maps, and the 1/255 check, on a DAVIS clip.")
  static final class Render implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DavisClipOptions davis;

    @Option(
        names = "--decompose-iterations",
        defaultValue = "2000",
        description = "Fast-mode decomposition iterations, cached (default: ${DEFAULT-VALUE}).")
    int decomposeIterations;

    @Option(
        names = "--render-size",
        defaultValue = "1920x1080",
        description = "Output size (default: ${DEFAULT-VALUE}).")
    String renderSize;

    @Option(
        names = "--render-threads",
        defaultValue = "2",
        description = "Render threads (default: ${DEFAULT-VALUE}).")
    int renderThreads;

    @Option(
        names = "--check-frames",
        defaultValue = "3",
        description =
            "Frames compared with a full evaluation of the networks (default: ${DEFAULT-VALUE}).")
    int checkFrames;

    @Option(
        names = "--crop",
        paramLabel = "PNG",
        description = "Write a crop at the object's edge: full | resampled | 16x difference.")
    Path crop;

    @Option(
        names = "--threads",
        defaultValue = "1",
        description = "Torch CPU threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin CacheOption cache;

    @Override
    public Integer call() throws IOException {
      if (decomposeIterations < 1 || renderThreads < 1 || checkFrames < 0) {
        throw new InputException(
            "--decompose-iterations and --render-threads must be at least 1, --check-frames 0");
      }
      TorchThreads.set(threads);
      PrintWriter out = spec.commandLine().getOut();
      OutputSize output = OutputSize.parse("--render-size", renderSize);
      try (BenchClip clip = davis.open(decomposeIterations, cache.dir(), spec)) {
        out.printf(
            "%s: %d frames at %dx%d, fast decomposition of %d iterations (cached); torch threads %d, render"
                + " threads %d; %d cores; load average %s%n",
            davis.clip,
            clip.frameCount(),
            clip.width(),
            clip.height(),
            decomposeIterations,
            threads,
            renderThreads,
            Runtime.getRuntime().availableProcessors(),
            StylizeBench.loadAverage());
        out.flush();
        SizeMapsBenchmark.Result r =
            clip.sizeMaps(
                output.width(),
                output.height(),
                renderThreads,
                checkFrames,
                Optional.ofNullable(crop));
        long pixels = (long) r.frames() * r.width() * r.height();
        out.printf(
            Locale.ROOT,
            "first render at %dx%d, %d frames (maps resampled, networks at %d edge pixels = %.2f %%):"
                + " %.1f s%n",
            r.width(),
            r.height(),
            r.frames(),
            r.exactPixels(),
            100.0 * r.exactPixels() / pixels,
            r.firstSeconds());
        out.printf(
            Locale.ROOT,
            "second render from the stored maps (restarted store): %.1f s = %.1f fps%n",
            r.secondSeconds(),
            r.frames() / r.secondSeconds());
        out.printf(
            Locale.ROOT,
            "stored maps at %dx%d: %.1f MB (full float32 maps: %.1f MB)%n",
            r.width(),
            r.height(),
            r.entryBytes() / 1e6,
            pixels * 20 / 1e6);
        out.printf(
            Locale.ROOT,
            "full evaluation of the networks (the earlier path): %.1f s per frame, %.0f s for the"
                + " clip (extrapolated)%n",
            r.fullSecondsPerFrame(),
            r.fullSecondsPerFrame() * r.frames());
        out.printf(
            Locale.ROOT,
            "resampled vs full evaluation, composite, %d frames: %d of %d pixels (%.4f %%) differ by"
                + " more than 1/255; largest difference %d/255%n",
            Math.min(checkFrames, r.frames()),
            r.beyondOneLevel(),
            r.checkedPixels(),
            100.0 * r.beyondOneLevel() / Math.max(1, r.checkedPixels()),
            r.maxLevels());
        out.printf("# load average %s%n", StylizeBench.loadAverage());
      }
      return ExitCodes.OK;
    }
  }

  /**
   * One line of {@code bench decompose}'s per-run summary: the clip's quality, steps and times. IoU
   * columns are the rendered opacity's; MαIoUmin is M_α's lowest when the rendered opacity is the
   * given matte (lever {@code opacity}), "-" otherwise. atlas_dB / atlasOut are the mean and
   * outside-matte PSNR without the background colour residual (lever {@code background}: mean_dB
   * and out_dB include it, atlas_dB is what the atlases alone reconstruct), "-" without one.
   */
  static final class SummaryRow {
    static final String HEADER =
        String.format(
            Locale.ROOT,
            "%-16s %-22s %7s %13s %7s %7s %7s %7s %7s %8s %8s %8s %8s %8s",
            "clip",
            "variant",
            "mean_dB",
            "worst_dB(fr)",
            "in_dB",
            "worstIn",
            "out_dB",
            "IoUmean",
            "IoUmin",
            "MαIoUmin",
            "atlas_dB",
            "atlasOut",
            "steps",
            "wall_s");

    private SummaryRow() {}

    static String of(DecompositionBench.Run r) {
      return String.format(
          Locale.ROOT,
          "%-16s %-22s %7.2f %8.2f(%3d) %7s %7s %7s %7s %7s %8s %8s %8s %8d %8.1f",
          r.clip(),
          r.variant(),
          r.meanPsnr(),
          r.worstPsnr(),
          r.worstFrame(),
          f2(r.meanPsnrInside()),
          f2(r.worstPsnrInside()),
          f2(r.meanPsnrOutside()),
          f3(r.meanAlphaIou()),
          f3(r.minAlphaIou()),
          f3(r.minLearnedAlphaIou()),
          f2(r.meanPsnrAtlasOnly()),
          f2(r.meanPsnrOutsideAtlasOnly()),
          r.iterations(),
          r.wallSeconds());
    }

    private static String f2(Double v) {
      return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(Double v) {
      return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
  }
}
