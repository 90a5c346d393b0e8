package org.styleatlas.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.studio.MatteRequest;
import org.styleatlas.engine.studio.MatteSummary;
import org.styleatlas.engine.studio.Studio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas matte}: the object's matte on every frame, segmented from a box on one frame
 * (as the plug-in's Box matte source does), written as a PNG folder to check or reuse with {@code
 * --matte}.
 */
@Command(
    name = "matte",
    description = "Segment the object from a box on one frame; write its matte per frame as PNGs.")
final class MatteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "INPUT",
      description = "A folder of frames or a video file.")
  Path input;

  @Mixin BoxOption box = new BoxOption();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The folder the mattes go to (00000.png, …: 8-bit grey, 255 = object).")
  Path out;

  @Option(
      names = "--long-edge",
      paramLabel = "PX",
      description =
          "Working resolution of the segmentation: the longer side (default: the engine's,"
              + " styleatlas.pipeline.longEdge, as the decomposition; 0 keeps the source size).")
  Integer longEdge;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Cache folder (default: ~/.cache/styleatlas).")
  Path cacheDir;

  @Override
  public Integer call() throws Exception {
    MatteRequest request =
        new MatteRequest(
            input,
            box.box().orElseThrow(() -> new InputException("--box: missing; give x0,y0,x1,y1[@F]")),
            Optional.ofNullable(longEdge),
            out);
    Studio studio = Studio.local(cacheDir != null ? cacheDir : Studio.defaultCacheDir());
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
      MatteSummary done = studio.matteClip(request, progress);
      progress.close();
      spec.commandLine()
          .getOut()
          .printf(
              "%d mattes of %dx%d (%s, %.0f ms per frame) in %s%n",
              done.frames(),
              done.width(),
              done.height(),
              done.segmenter(),
              done.millisPerFrame(),
              done.out());
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }
}
