package org.styleatlas.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.studio.ClipFiles;
import org.styleatlas.engine.studio.DecompositionSummary;
import org.styleatlas.engine.studio.Studio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas decompose}: clip → layered neural atlases through the {@link Studio} (cached at
 * the address the host looks up, so the host recognises the clip), with exported outputs.
 */
@Command(name = "decompose", description = "Decompose a clip into layered neural atlases.")
final class DecomposeCommand implements Callable<Integer> {
  /** The largest working long edge, in pixels (#19.6). */
  static final int MAX_SIZE = 2048;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "INPUT",
      description = "A folder of frames or a video file.")
  Path input;

  @Option(
      names = "--matte",
      paramLabel = "M",
      description = "A folder of PNG masks or a matte video.")
  Path matte;

  @Option(names = "--mode", defaultValue = "fast", description = "fast (default) or faithful.")
  String mode;

  @Option(
      names = "--size",
      defaultValue = "384",
      description =
          "Working resolution: long edge in pixels; a smaller clip is worked at its own size.")
  int size;

  @Option(
      names = "--allow-upscale",
      description = "Enlarge a clip smaller than --size to it (default: never enlarge).")
  boolean allowUpscale;

  @Option(
      names = "--iterations",
      description = "Main-phase iterations (default: the mode's preset).")
  Integer iterations;

  @Option(
      names = "--seed",
      description =
          "Seed of the initialisation and of every sampled batch (default: the "
              + "mode's preset, 1).")
  Long seed;

  @Option(
      names = "--format",
      defaultValue = "mp4",
      description =
          "mp4 (default: H.264 videos) or png (PNG sequences) for the reconstruction and side-by-side.")
  String format;

  @Option(names = "--out", defaultValue = "decomposition", description = "Output folder.")
  Path out;

  @Mixin CacheOption cache;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Torch CPU threads (1 is fastest on small shared machines).")
  int threads;

  @Override
  public Integer call() throws Exception {
    if (size < 16 || size > MAX_SIZE) {
      throw new InputException(
          "--size: the working long edge must be 16 … " + MAX_SIZE + " pixels, got " + size);
    }
    TorchThreads.set(threads);
    ClipFiles files =
        new ClipFiles(
            input,
            Optional.ofNullable(matte),
            Optional.of(size),
            Optional.of(mode),
            Optional.ofNullable(iterations),
            Optional.ofNullable(seed),
            Optional.empty(),
            allowUpscale);
    Studio studio = cache.studio();
    Cancellation cancellation = Cancellation.none();
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
      DecompositionSummary done =
          InterruptGuard.run(
              cancellation,
              InterruptGuard.DEFAULT_GRACE,
              progress,
              () -> studio.decomposeClip(files, out, format, progress, cancellation));
      progress.close();
      spec.commandLine()
          .getOut()
          .printf(
              "mean PSNR %.2f dB over %d frames, %d iterations; outputs in %s%n",
              done.meanPsnr(), done.frames(), done.iterations(), done.out());
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }
}
