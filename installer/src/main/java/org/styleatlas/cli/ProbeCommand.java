package org.styleatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.studio.ClipProbe;
import org.styleatlas.engine.studio.Studio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas probe}: what a clip holds, and whether its matte fits. Reads headers and the
 * container only (no decoding), so it is quick on long clips; a matte that does not fit is bad
 * input.
 */
@Command(
    name = "probe",
    description = "Print a clip's frames, size, fps, duration and matte status.")
final class ProbeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "INPUT",
      description =
          "A folder of frames (PNG, JPEG, EXR) or a video file (mp4, mov). Without it: the embedded demo clip.")
  Path input;

  @Option(
      names = "--matte",
      paramLabel = "M",
      description = "A folder of PNG masks or a matte video.")
  Path matte;

  @Override
  public Integer call() {
    ClipProbe p = Studio.probe(Optional.ofNullable(input), Optional.ofNullable(matte));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "source:   %s%n", p.name());
    out.printf(Locale.ROOT, "frames:   %d%n", p.frameCount());
    out.printf(Locale.ROOT, "size:     %s%n", p.size());
    out.printf(Locale.ROOT, "channels: %s%n", p.hasAlpha() ? "RGBA" : "RGB");
    out.printf(Locale.ROOT, "fps:      %.3f%n", p.fps());
    out.printf(Locale.ROOT, "duration: %.3f s%n", p.durationSeconds());
    out.printf(Locale.ROOT, "matte:    %s%n", p.matte());
    out.flush();
    return ExitCodes.OK;
  }
}
