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
import org.styleatlas.engine.video.FrameBudget;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.MediaInfo;
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
  /** The largest working long edge, in pixels. */
  static final int MAX_SIZE = 2048;
  /**
   * Memory per working pixel per frame while decomposing: the frame (3 floats), matte (1), forward and
   * backward flow (4) and their consistency (2), and the per-frame maps of the export (6), as 4-byte floats.
   */
  private static final long WORKING_BYTES_PER_PIXEL = 16 * Float.BYTES;
  /** A decoded source frame as float RGBA, before it is resized. */
  private static final long SOURCE_BYTES_PER_PIXEL = 4 * Float.BYTES;
  /** Source frames decoded at once (read-ahead). */
  private static final int DECODE_FRAMES_IN_FLIGHT = 4;


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

  @Option(names = "--upscale", description = "Enlarge a clip smaller than --size (by default it keeps its size).")
  boolean upscale;

  /**
   * The long edge to load the clip at, checked before anything is decoded: the source's frames within
   * {@link FrameBudget}, never enlarged unless {@code --upscale}, and the decomposition's memory estimated.
   */
  private int workingLongEdge() {
    MediaInfo info = MediaInfo.probe(input);
    FrameBudget.requireSourceSize(input, info.size());
    int sourceLong = Math.max(info.size().width(), info.size().height());
    int longEdge = size;
    if (size > sourceLong && !upscale) {
      spec.commandLine().getErr().println("note: --size " + size + " is above the clip's long edge (" + sourceLong
          + " px); decomposing at " + info.size() + " (add --upscale to enlarge)");
      longEdge = sourceLong;
    }
    FrameSize working = info.size().fitLongEdge(longEdge);
    long sourceFrameBytes = (long) info.size().width() * info.size().height() * SOURCE_BYTES_PER_PIXEL;
    long bytes = (long) info.frameCount() * working.width() * working.height() * WORKING_BYTES_PER_PIXEL
        + sourceFrameBytes * DECODE_FRAMES_IN_FLIGHT;
    FrameBudget.requireMemory("decomposing " + info.frameCount() + " frames at " + working, bytes,
        "use a smaller --size");
    return longEdge;
  }

  @Override
  public Integer call() throws Exception {
    DecompositionConfig config = config(mode, iterations, seed);
    OutputFormat outputFormat = format(format);
    if (size < 16 || size > MAX_SIZE) {
      throw new InputException("--size: the working long edge must be 16 … " + MAX_SIZE + " pixels, got " + size);
    }
    TorchThreads.set(threads);
    Clip clip = ClipReader.read(new ClipRequest(input, Optional.ofNullable(matte), workingLongEdge()));
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
