package org.styleatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.MediaInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;


/**
 * {@code styleatlas probe}: what a clip holds, and whether its matte fits. Reads headers and the
 * container only (no decoding), so it is quick on long clips; a matte that does not fit is bad input.
 */
@Command(name = "probe", description = "Print a clip's frames, size, fps, duration and matte status.")
final class ProbeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
      description = "A folder of frames (PNG, JPEG, EXR) or a video file (mp4, mov). Without it: the embedded demo clip.")
  Path input;

  @Option(names = "--matte", paramLabel = "M", description = "A folder of PNG masks or a matte video.")
  Path matte;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (input == null) {
      Clip clip = SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault()).clip();
      MediaInfo info = MediaInfo.of("embedded demo clip", clip);
      print(out, info, clip.hasMatte() ? "exact, from the generator (" + framesAndSize(info) + ")" : none());
      return ExitCodes.OK;
    }
    MediaInfo info = MediaInfo.probe(input);
    String matteStatus;
    if (matte != null) {
      MediaInfo matteInfo = MediaInfo.probe(matte);
      info.requireMatteFits(matte, matteInfo);
      matteStatus = matte + ", matches (" + framesAndSize(matteInfo) + ")";
    } else {
      matteStatus = info.hasAlpha() ? "the source's alpha channel" : none();
    }
    print(out, info, matteStatus);
    return ExitCodes.OK;
  }

  private static String framesAndSize(MediaInfo info) {
    return info.frameCount() + " frames at " + info.size();
  }

  private static String none() {
    return "none (give --matte, or a source with alpha)";
  }

  static void print(PrintWriter out, MediaInfo info, String matteStatus) {
    out.printf(Locale.ROOT, "source:   %s%n", info.name());
    out.printf(Locale.ROOT, "frames:   %d%n", info.frameCount());
    out.printf(Locale.ROOT, "size:     %s%n", info.size());
    out.printf(Locale.ROOT, "channels: %s%n", info.hasAlpha() ? "RGBA" : "RGB");
    out.printf(Locale.ROOT, "fps:      %.3f%n", info.fps());
    out.printf(Locale.ROOT, "duration: %.3f s%n", info.durationSeconds());
    out.printf(Locale.ROOT, "matte:    %s%n", matteStatus);
    out.flush();
  }
}
