package org.styleatlas.engine.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.OutputFormat;

/** Renders a clip to files: a PNG folder frame by frame, or a video through {@link ClipWriter}. */
public final class RenderJob {
  private RenderJob() {}

  /**
   * Renders every frame and writes it to {@code out}; the format follows the path ({@link OutputFormat#forPath}).
   *
   * @return wall-clock seconds spent rendering (writing excluded for PNG folders is not possible: included)
   */
  public static double write(ClipRenderer renderer, IntFunction<Frame> originals, RenderSettings settings,
      double fps, Path out, ProgressSink progress) throws IOException {
    OutputFormat format = OutputFormat.forPath(out);
    long start = System.nanoTime();
    if (format == OutputFormat.PNG_SEQUENCE) {
      Files.createDirectories(out);
      renderer.render(originals, settings, progress,
          (t, f) -> ClipWriter.writePng(f, out.resolve(String.format("%05d.png", t))));
    } else {
      List<Frame> frames = new ArrayList<>();
      renderer.render(originals, settings, progress, (t, f) -> frames.add(f));
      try {
        ClipWriter.write(frames, fps, out, format);
      } catch (InputException e) {
        throw InputException.of(out, e.getMessage() + "; write a PNG folder instead (a path without extension)");
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
