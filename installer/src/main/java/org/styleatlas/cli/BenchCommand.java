package org.styleatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.bench.SizeMapsBenchmark;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.ClipQuality;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.decomposition.DecompositionReport;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.Lever;
import org.styleatlas.engine.decomposition.config.Mode;
import org.styleatlas.engine.optim.TrainingClock;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.studio.RenderRequest;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.FrameSize;
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
                + "joined by '+' (matte, encoding, sampling, opacity, residual), e.g. none,matte,sampling,matte+sampling."
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
    TrainingClock clock;

    @Override
    public Integer call() throws Exception {
      if (!(budgetSeconds > 0) || !(everySeconds > 0)) {
        throw new InputException("--budget and --every must be positive");
      }
      TorchThreads.set(threads);
      PrintWriter out = spec.commandLine().getOut();
      if (clock == TrainingClock.THREAD_CPU && threads != 1) {
        throw new InputException(
            "--clock THREAD_CPU measures the training thread only: use it with --threads 1");
      }
      out.printf("budget %.0f s of %s training time per run%n", budgetSeconds, clock);
      out.printf(
          "%-16s %-22s %9s %9s %9s %9s%n",
          "clip", "variant", "train_s", "wall_s", "iteration", "psnr_dB");
      out.flush();
      Path cacheRoot = Files.createTempDirectory("styleatlas-bench");
      ContentCache cache = new ContentCache(cacheRoot, 20L << 30);
      List<String> summary = new ArrayList<>();
      List<Clip> read = new ArrayList<>();
      for (String name : clips) {
        Path dir = data.resolve(name);
        read.add(
            ClipReader.read(
                new ClipRequest(dir.resolve("frames"), Optional.of(dir.resolve("masks")), size)));
      }
      // variants outside, clips inside: a run cut short still has every clip of its first variants
      for (String mode : modes) {
        boolean fast = DecompositionConfig.of(mode).mode() == Mode.FAST;
        for (String variant : fast ? variants : List.of("preset")) {
          DecompositionConfig config =
              (fast ? Lever.variant(variant) : DecompositionConfig.of(mode))
                  .withIterations(10_000_000);
          String label = mode + ":" + variant;
          for (int c = 0; c < read.size(); c++) {
            Clip clip = read.get(c);
            String name = clips.get(c);
            long start = System.nanoTime();
            try (Decomposition d =
                DecompositionJob.builder()
                    .setClip(clip)
                    .setConfig(config)
                    .optCache(cache)
                    .optTimeBudget(Duration.ofMillis((long) (budgetSeconds * 1000)), clock)
                    .optPsnrProbe(
                        (it, sec, psnr) -> {
                          out.printf(
                              "%-16s %-22s %9.1f %9.1f %9d %9.2f%n",
                              name, label, sec, (System.nanoTime() - start) / 1e9, it, psnr);
                          out.flush();
                        },
                        everySeconds)
                    .build()
                    .run()) {
              String row =
                  SummaryRow.of(name, label, d.report(), (System.nanoTime() - start) / 1e9);
              summary.add(row);
              out.println(SummaryRow.HEADER);
              out.println(row);
              out.flush();
            }
          }
        }
      }
      out.println();
      out.println(
          "summary (PSNR over all frames; inside/outside = matte ≥ ½ / < ½; IoU of α > ½ with the matte)");
      out.println(SummaryRow.HEADER);
      summary.forEach(out::println);
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

    @Option(
        names = "--cache",
        paramLabel = "DIR",
        description = "Cache folder (default: ~/.cache/styleatlas).")
    Path cacheDir;

    @Override
    public Integer call() throws IOException {
      if (decomposeIterations < 1 || renderThreads < 1 || checkFrames < 0) {
        throw new InputException(
            "--decompose-iterations and --render-threads must be at least 1, --check-frames 0");
      }
      TorchThreads.set(threads);
      DjlRuntime.forceOffline();
      PrintWriter out = spec.commandLine().getOut();
      FrameSize output = RenderRequest.parseSize("--render-size", renderSize);
      Path dir = davis.dir();
      ContentCache cache =
          new ContentCache(cacheDir != null ? cacheDir : ContentCache.defaultRoot(), 20L << 30);
      DecompositionConfig decomposition =
          DecompositionConfig.fast().withIterations(decomposeIterations);
      try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
          EditableScene opened =
              Scenes.open(
                  Optional.of(dir.resolve("frames")),
                  Optional.of(dir.resolve("masks")),
                  davis.size,
                  decomposition,
                  cache,
                  progress)) {
        progress.close();
        if (!(opened instanceof DecompositionScene scene)) {
          throw new InputException("bench render needs a decomposed clip");
        }
        out.printf(
            "%s: %d frames at %dx%d, fast decomposition of %d iterations (cached); torch threads %d, render"
                + " threads %d; %d cores; load average %s%n",
            davis.clip,
            scene.frameCount(),
            scene.width(),
            scene.height(),
            decomposeIterations,
            threads,
            renderThreads,
            Runtime.getRuntime().availableProcessors(),
            StylizeBench.loadAverage());
        out.flush();
        SizeMapsBenchmark.Result r =
            SizeMapsBenchmark.run(
                scene,
                cache,
                scene.atlases().foregroundAt(1f),
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
   * given matte (lever {@code opacity}), "-" otherwise.
   */
  static final class SummaryRow {
    static final String HEADER =
        String.format(
            Locale.ROOT,
            "%-16s %-22s %7s %13s %7s %7s %7s %7s %7s %8s %8s %8s",
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
            "steps",
            "wall_s");

    private SummaryRow() {}

    /**
     * @param wallSeconds the run's elapsed time, flow, training and evaluation included
     */
    static String of(String clip, String variant, DecompositionReport r, double wallSeconds) {
      ClipQuality q = r.quality();
      return String.format(
          Locale.ROOT,
          "%-16s %-22s %7.2f %8.2f(%3d) %7s %7s %7s %7s %7s %8s %8d %8.1f",
          clip,
          variant,
          q.meanPsnr(),
          q.worstPsnr(),
          q.worstFrame(),
          f2(q.meanPsnrInside()),
          f2(q.worstPsnrInside()),
          f2(q.meanPsnrOutside()),
          f3(q.meanAlphaIou()),
          f3(q.minAlphaIou()),
          f3(q.minLearnedAlphaIou()),
          r.iterations(),
          wallSeconds);
    }

    private static String f2(Double v) {
      return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(Double v) {
      return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
  }
}
