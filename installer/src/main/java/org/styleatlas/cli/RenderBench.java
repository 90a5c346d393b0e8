package org.styleatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.maps.SizeMapsBenchmark;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.video.FrameSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas bench render}: the first render of a DAVIS clip at a new output size (maps resampled from
 * the working size, the networks run near the opacity's edges only), the second render from the stored maps,
 * and the resampled frames against a full evaluation of the networks on a few frames (the earlier path's
 * per-frame cost and the 8-bit difference), on a clip decomposed through the cache with a short fast-mode
 * schedule, with the decomposition's own atlases (the render's cost does not depend on the atlas's colours).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "First render at a new size, second render from the stored maps, and the 1/255 check, on a DAVIS clip.")
final class RenderBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", defaultValue = "../shared/data", description = "Folder holding <clip>/frames and <clip>/masks.")
  Path data;

  @Option(names = "--clip", defaultValue = "blackswan", description = "The clip (default: ${DEFAULT-VALUE}).")
  String clipName;

  @Option(names = "--size", defaultValue = "384", description = "Working long edge in pixels (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--decompose-iterations", defaultValue = "2000",
      description = "Fast-mode decomposition iterations, cached (default: ${DEFAULT-VALUE}).")
  int decomposeIterations;

  @Option(names = "--render-size", defaultValue = "1920x1080", description = "Output size (default: ${DEFAULT-VALUE}).")
  String renderSize;

  @Option(names = "--render-threads", defaultValue = "2", description = "Render threads (default: ${DEFAULT-VALUE}).")
  int renderThreads;

  @Option(names = "--check-frames", defaultValue = "3",
      description = "Frames compared with a full evaluation of the networks (default: ${DEFAULT-VALUE}).")
  int checkFrames;

  @Option(names = "--crop", paramLabel = "PNG", description = "Write a crop at the object's edge: full | resampled | 16x difference.")
  Path crop;

  @Option(names = "--threads", defaultValue = "1", description = "Torch CPU threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: ~/.cache/styleatlas).")
  Path cacheDir;

  @Override
  public Integer call() throws IOException {
    if (decomposeIterations < 1 || renderThreads < 1 || checkFrames < 0) {
      throw new InputException("--decompose-iterations and --render-threads must be at least 1, --check-frames 0");
    }
    TorchThreads.set(threads);
    DjlRuntime.forceOffline();
    PrintWriter out = spec.commandLine().getOut();
    FrameSize output = StylizeCommand.RenderOptions.parseSize("--render-size", renderSize);
    Path dir = data.resolve(clipName);
    ContentCache cache = new ContentCache(cacheDir != null ? cacheDir : ContentCache.defaultRoot(), 20L << 30);
    DecompositionConfig decomposition = DecompositionConfig.fast().withIterations(decomposeIterations);
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
        EditableScene opened = Scenes.open(Optional.of(dir.resolve("frames")), Optional.of(dir.resolve("masks")), size,
            decomposition, cache, progress)) {
      progress.close();
      if (!(opened instanceof DecompositionScene scene)) {
        throw new InputException("bench render needs a decomposed clip");
      }
      out.printf("%s: %d frames at %dx%d, fast decomposition of %d iterations (cached); torch threads %d, render"
          + " threads %d; %d cores; load average %s%n", clipName, scene.frameCount(), scene.width(), scene.height(),
          decomposeIterations, threads, renderThreads, Runtime.getRuntime().availableProcessors(),
          StylizeBench.loadAverage());
      out.flush();
      SizeMapsBenchmark.Result r = SizeMapsBenchmark.run(scene, cache, scene.atlases().foregroundAt(1f),
          output.width(), output.height(), renderThreads, checkFrames, Optional.ofNullable(crop));
      long pixels = (long) r.frames() * r.width() * r.height();
      out.printf(Locale.ROOT, "first render at %dx%d, %d frames (maps resampled, networks at %d edge pixels = %.2f %%):"
          + " %.1f s%n", r.width(), r.height(), r.frames(), r.exactPixels(), 100.0 * r.exactPixels() / pixels,
          r.firstSeconds());
      out.printf(Locale.ROOT, "second render from the stored maps (restarted store): %.1f s = %.1f fps%n",
          r.secondSeconds(), r.frames() / r.secondSeconds());
      out.printf(Locale.ROOT, "stored maps at %dx%d: %.1f MB (full float32 maps: %.1f MB)%n", r.width(), r.height(),
          r.entryBytes() / 1e6, pixels * 20 / 1e6);
      out.printf(Locale.ROOT, "full evaluation of the networks (the earlier path): %.1f s per frame, %.0f s for the"
          + " clip (extrapolated)%n", r.fullSecondsPerFrame(), r.fullSecondsPerFrame() * r.frames());
      out.printf(Locale.ROOT, "resampled vs full evaluation, composite, %d frames: %d of %d pixels (%.4f %%) differ by"
          + " more than 1/255; largest difference %d/255%n", Math.min(checkFrames, r.frames()), r.beyondOneLevel(),
          r.checkedPixels(), 100.0 * r.beyondOneLevel() / Math.max(1, r.checkedPixels()), r.maxLevels());
      out.printf("# load average %s%n", StylizeBench.loadAverage());
    }
    return ExitCodes.OK;
  }
}
