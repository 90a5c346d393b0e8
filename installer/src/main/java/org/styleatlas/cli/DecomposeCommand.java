package org.styleatlas.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.config.DecompositionConfig;
import org.styleatlas.engine.decompose.Decomposition;
import org.styleatlas.engine.decompose.DecompositionExport;
import org.styleatlas.engine.decompose.DecompositionJob;
import org.styleatlas.engine.runtime.ProgressSink;
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

  @Option(names = "--out", defaultValue = "decomposition", description = "Output folder.")
  Path out;

  @Option(names = "--threads", defaultValue = "1",
      description = "Torch CPU threads (1 is fastest on small shared machines).")
  int threads;

  @Override
  public Integer call() throws Exception {
    DecompositionConfig config = config(mode, iterations);
    if (size < 16) {
      throw new InputException("--size: must be at least 16, got " + size);
    }
    Console.threads(threads);
    Clip clip = ClipReader.read(new ClipRequest(input, Optional.ofNullable(matte), size));
    try (Console progress = new Console();
        Decomposition d = DecompositionJob.builder().setClip(clip).setConfig(config)
            .optCache(new ContentCache(ContentCache.defaultRoot(), 20L << 30)).optProgress(progress).build().run()) {
      DecompositionExport.write(d, clip, out, OutputFormat.PNG_SEQUENCE, progress);
      spec.commandLine().getOut().printf("mean PSNR %.2f dB over %d frames, %d iterations; outputs in %s%n",
          d.report().meanPsnr(), clip.frameCount(), d.report().iterations(), out.toAbsolutePath());
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  /** The preset of {@code mode} with an optional iteration override; bad values are input errors. */
  static DecompositionConfig config(String mode, Integer iterations) {
    DecompositionConfig config = DecompositionConfig.of(mode);
    if (iterations != null) {
      if (iterations < 1) {
        throw new InputException("--iterations: must be at least 1, got " + iterations);
      }
      config = config.withIterations(iterations);
    }
    return config;
  }

  /** Progress bars on stderr, one per task; also sets torch's thread count before the engine starts. */
  static final class Console implements ProgressSink, AutoCloseable {
    private final Map<String, ProgressBar> bars = new HashMap<>();

    static void threads(int n) {
      if (n < 1) {
        throw new InputException("--threads: must be at least 1, got " + n);
      }
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    @Override
    public synchronized void update(String task, long done, long total, String detail) {
      ProgressBar bar = bars.computeIfAbsent(task, t -> new ProgressBarBuilder().setTaskName(t).setInitialMax(total)
          .build());
      bar.maxHint(total);
      bar.stepTo(done);
      bar.setExtraMessage(detail);
    }

    @Override
    public synchronized void close() {
      bars.values().forEach(ProgressBar::close);
    }
  }
}
