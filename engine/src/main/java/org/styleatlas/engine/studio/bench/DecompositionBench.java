package org.styleatlas.engine.studio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.ClipQuality;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.decomposition.DecompositionReport;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.Lever;
import org.styleatlas.engine.decomposition.config.Mode;
import org.styleatlas.engine.optim.TrainingClock;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;

/**
 * {@code styleatlas bench decompose}: PSNR against training time on DAVIS clips, for a fixed budget
 * of training time per run, in a fresh temporary cache (nothing is reused between runs or
 * invocations). Variants run outside, clips inside, so a run cut short still has every clip of its
 * first variants.
 */
public final class DecompositionBench {
  /** Runs never stop on iterations: the time budget ends them. */
  private static final int UNBOUNDED_ITERATIONS = 10_000_000;

  private DecompositionBench() {}

  /**
   * What to measure.
   *
   * @param data the folder holding {@code <clip>/frames} and {@code <clip>/masks}
   * @param clips the clips' folder names
   * @param modes decomposition modes ({@code fast}, {@code faithful})
   * @param variants fast-mode variants ({@link Lever#variant}); faithful runs its preset
   * @param longEdge working long edge in pixels
   * @param budgetSeconds training seconds per run, positive
   * @param everySeconds training seconds between PSNR measurements, positive
   * @param clock {@code THREAD_CPU} (the training thread's CPU time; needs one torch thread) or
   *     {@code WALL}
   * @param threads torch CPU threads
   */
  public record Request(
      Path data,
      List<String> clips,
      List<String> modes,
      List<String> variants,
      int longEdge,
      double budgetSeconds,
      double everySeconds,
      String clock,
      int threads) {
    public Request {
      clips = List.copyOf(clips);
      modes = List.copyOf(modes);
      variants = List.copyOf(variants);
      if (!(budgetSeconds > 0) || !(everySeconds > 0)) {
        throw new InputException("--budget and --every must be positive");
      }
      if (trainingClock(clock) == TrainingClock.THREAD_CPU && threads != 1) {
        throw new InputException(
            "--clock THREAD_CPU measures the training thread only: use it with --threads 1");
      }
    }

    /** The budget's clock, upper case as typed in the figures. */
    public String clockName() {
      return trainingClock(clock).name();
    }
  }

  /** What a run reports while it trains and when it ends. */
  public interface Listener {
    /** A PSNR measurement during a run. */
    void measured(
        String clip,
        String variant,
        double trainingSeconds,
        double wallSeconds,
        int iteration,
        double psnr);

    /** A run's final figures. */
    void finished(Run run);
  }

  /**
   * One run's figures (PSNR over all frames; inside/outside = matte ≥ ½ / < ½; IoU of the rendered
   * opacity ≥ ½ with the matte).
   *
   * @param variant {@code mode:variant}
   * @param meanPsnr mean PSNR over all frames, dB
   * @param worstPsnr the lowest frame's PSNR, dB, at {@code worstFrame}
   * @param meanPsnrInside null without a matte (and so the other matte figures)
   * @param minLearnedAlphaIou M_α's lowest IoU when the rendered opacity is the given matte (lever
   *     {@code opacity}); null otherwise
   * @param meanPsnrAtlasOnly mean PSNR without the background colour residual (atlases only), when
   *     the variant has one ({@code meanPsnr} includes it); null otherwise
   * @param meanPsnrOutsideAtlasOnly the same outside the matte; null without a residual or a matte
   * @param iterations training steps done
   * @param wallSeconds the run's elapsed time, flow, training and evaluation included
   */
  public record Run(
      String clip,
      String variant,
      double meanPsnr,
      double worstPsnr,
      int worstFrame,
      Double meanPsnrInside,
      Double worstPsnrInside,
      Double meanPsnrOutside,
      Double meanAlphaIou,
      Double minAlphaIou,
      Double minLearnedAlphaIou,
      Double meanPsnrAtlasOnly,
      Double meanPsnrOutsideAtlasOnly,
      int iterations,
      double wallSeconds) {
    static Run of(String clip, String variant, DecompositionReport r, double wallSeconds) {
      ClipQuality q = r.quality();
      return new Run(
          clip,
          variant,
          q.meanPsnr(),
          q.worstPsnr(),
          q.worstFrame(),
          q.meanPsnrInside(),
          q.worstPsnrInside(),
          q.meanPsnrOutside(),
          q.meanAlphaIou(),
          q.minAlphaIou(),
          q.minLearnedAlphaIou(),
          q.meanPsnrAtlasOnly(),
          q.meanPsnrOutsideAtlasOnly(),
          r.iterations(),
          wallSeconds);
    }
  }

  /**
   * Reads every clip, then runs each mode and variant on each for the budget.
   *
   * @return the runs' figures, in the order they ran
   */
  public static List<Run> run(Request request, Listener listener) throws IOException {
    TrainingClock clock = trainingClock(request.clock());
    ContentCache cache =
        new ContentCache(Files.createTempDirectory("styleatlas-bench"), Studio.DEFAULT_MAX_BYTES);
    List<Clip> read = new ArrayList<>();
    for (String name : request.clips()) {
      Path dir = request.data().resolve(name);
      read.add(
          ClipReader.read(
              new ClipRequest(
                  dir.resolve("frames"), Optional.of(dir.resolve("masks")), request.longEdge())));
    }
    List<Run> runs = new ArrayList<>();
    for (String mode : request.modes()) {
      boolean fast = DecompositionConfig.of(mode).mode() == Mode.FAST;
      for (String variant : fast ? request.variants() : List.of("preset")) {
        DecompositionConfig config =
            (fast ? Lever.variant(variant) : DecompositionConfig.of(mode))
                .withIterations(UNBOUNDED_ITERATIONS);
        String label = mode + ":" + variant;
        for (int c = 0; c < read.size(); c++) {
          String name = request.clips().get(c);
          long start = System.nanoTime();
          try (Decomposition d =
              DecompositionJob.builder()
                  .setClip(read.get(c))
                  .setConfig(config)
                  .optCache(cache)
                  .optTimeBudget(Duration.ofMillis((long) (request.budgetSeconds() * 1000)), clock)
                  .optPsnrProbe(
                      (it, sec, psnr) ->
                          listener.measured(
                              name, label, sec, (System.nanoTime() - start) / 1e9, it, psnr),
                      request.everySeconds())
                  .build()
                  .run()) {
            Run run = Run.of(name, label, d.report(), (System.nanoTime() - start) / 1e9);
            runs.add(run);
            listener.finished(run);
          }
        }
      }
    }
    return runs;
  }

  private static TrainingClock trainingClock(String name) {
    try {
      return TrainingClock.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException("--clock: expected THREAD_CPU or WALL, got '" + name + "'");
    }
  }
}
