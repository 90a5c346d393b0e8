package org.styleatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code styleatlas probe}: what a clip holds, and whether its matte fits. */
@Command(name = "probe", description = "Print a clip's frames, size, fps, duration and matte status.")
final class ProbeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
      description = "A folder of frames or a video file. Without it: the embedded demo clip.")
  Path input;

  @Option(names = "--matte", paramLabel = "M", description = "A folder of PNG masks or a matte video.")
  Path matte;

  @Override
  public Integer call() {
    Clip clip = input == null
        ? SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault()).clip()
        : ClipReader.read(ClipRequest.nativeSize(input, Optional.ofNullable(matte)));
    print(spec.commandLine().getOut(), input == null ? "embedded demo clip" : input.toString(), clip);
    return ExitCodes.OK;
  }

  static void print(PrintWriter out, String source, Clip clip) {
    out.printf("source:   %s%n", source);
    out.printf("frames:   %d%n", clip.frameCount());
    out.printf("size:     %dx%d%n", clip.width(), clip.height());
    out.printf("channels: %s%n", clip.frame(0).hasAlpha() ? "RGBA" : "RGB");
    out.printf("fps:      %.3f%n", clip.fps());
    out.printf("duration: %.3f s%n", clip.durationSeconds());
    if (clip.hasMatte()) {
      double mean = clip.mattes().orElseThrow().stream().mapToDouble(m -> m.coverage()).average().orElse(0);
      out.printf("matte:    found, matches (%d frames at %dx%d, object covers %.1f%% on average)%n",
          clip.frameCount(), clip.width(), clip.height(), mean * 100);
    } else {
      out.println("matte:    none (give --matte, or a source with alpha)");
    }
    out.flush();
  }
}
