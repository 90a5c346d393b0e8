package org.styleatlas.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionExport;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;


/** {@code styleatlas decompose}: clip → layered neural atlases, cached, with exported outputs. */
@Command(name = "decompose", description = "Decompose a clip into layered neural atlases.")
final class DecomposeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "A folder of frames or a video file.")
  Path input;

  @Option(names = "--matte", paramLabel = "M", description = "A folder of PNG masks or a matte video.")
  Path matte;

  @Option(names = "--mode", defaultValue = "fast", description = "fast (default) or faithful.")
  String mode;

  @Option(names = "--size", defaultValue = "384", description = "Working resolution: long edge in pixels.")
  int size;

  @Option(names = "--iterations", description = "Main-phase iterations (default: the mode's preset).")
  Integer iterations;

  @Option(names = "--seed", description = "Seed of the initialisation and of every sampled batch (default: the "
      + "mode's preset, 1).")
  Long seed;

  @Option(names = "--format", defaultValue = "mp4",
      description = "mp4 (default: H.264 videos) or png (PNG sequences) for the reconstruction and side-by-side.")
  String format;

  @Option(names = "--out", defaultValue = "decomposition", description = "Output folder.")
  Path out;

  @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: ~/.cache/styleatlas).")
  Path cacheDir;

  @Option(names = "--threads", defaultValue = "1",
      description = "Torch CPU threads (1 is fastest on small shared machines).")
  int threads;

  @Override
  public Integer call() throws Exception {
    DecompositionConfig config = config(mode, iterations, seed);
    OutputFormat outputFormat = format(format);
    if (size < 16) {
      throw new InputException("--size: must be at least 16, got " + size);
    }
    TorchThreads.set(threads);
    Clip clip = ClipReader.read(new ClipRequest(input, Optional.ofNullable(matte), size));
    ContentCache cache = new ContentCache(cacheDir != null ? cacheDir : ContentCache.defaultRoot(), 20L << 30);
    Cancellation cancellation = Cancellation.none();
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
        Decomposition d = InterruptGuard.run(cancellation, InterruptGuard.DEFAULT_GRACE,
            progress, () -> DecompositionJob.builder().setClip(clip).setConfig(config)
                .optCache(cache).optProgress(progress).optCancellation(cancellation).build().run())) {
      DecompositionExport.write(d, clip, out, outputFormat, progress);
      progress.close();
      spec.commandLine().getOut().printf("mean PSNR %.2f dB over %d frames, %d iterations; outputs in %s%n",
          d.report().meanPsnr(), clip.frameCount(), d.report().iterations(), out.toAbsolutePath());
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  /** The preset of {@code mode} with optional iteration and seed overrides; bad values are input errors. */
  static DecompositionConfig config(String mode, Integer iterations, Long seed) {
    DecompositionConfig config = DecompositionConfig.of(mode);
    if (iterations != null) {
      if (iterations < 1) {
        throw new InputException("--iterations: must be at least 1, got " + iterations);
      }
      config = config.withIterations(iterations);
    }
    if (seed != null) {
      config = config.withSchedule(config.schedule().withSeed(seed));
    }
    return config;
  }

  /** "mp4" or "png"; anything else is an input error. */
  static OutputFormat format(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "mp4" -> OutputFormat.H264_MP4;
      case "png" -> OutputFormat.PNG_SEQUENCE;
      default -> throw new InputException("--format: expected mp4 or png, got '" + name + "'");
    };
  }
}
