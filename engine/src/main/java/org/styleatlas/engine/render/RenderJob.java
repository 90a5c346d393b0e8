package org.styleatlas.engine.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.FrameStream;
import org.styleatlas.engine.video.OutputFormat;
import org.styleatlas.engine.video.ReadAheadStream;

/**
 * Renders a clip to files: a PNG folder frame by frame, or a video through {@link ClipWriter} (the
 * format follows the path, {@link OutputFormat#forPath}): H.264 MP4 (RGB; alpha dropped; odd sizes
 * cropped by the last column and/or row, since H.264 needs even ones) or ProRes 4444 MOV (with
 * alpha for the premultiplied {@link OutputMode#FOREGROUND_LAYER}).
 *
 * <p>Frames are streamed: the renderer runs on a thread of its own at most {@value #IN_FLIGHT}
 * frames ahead of the writer ({@link ReadAheadStream}), so rendering and encoding overlap and
 * memory holds a few frames whatever the clip's length. A video file appears only when complete; a
 * failure leaves none (and keeps an older one).
 */
public final class RenderJob {
  private static final Logger LOG = LoggerFactory.getLogger(RenderJob.class);

  /** Rendered frames waiting for the writer, at most. */
  static final int IN_FLIGHT = 2;

  private RenderJob() {}

  /**
   * The size frames are written at: the render size, cropped to even for H.264.
   *
   * @param out the output path (its extension picks the format)
   * @param settings the render settings
   */
  public static FrameSize writtenSize(Path out, RenderSettings settings) {
    boolean h264 = OutputFormat.forPath(out) == OutputFormat.H264_MP4;
    int w = h264 ? settings.width() & ~1 : settings.width();
    int h = h264 ? settings.height() & ~1 : settings.height();
    if (w == 0 || h == 0) {
      throw InputException.of(
          out,
          "H.264 needs at least 2x2 pixels, the output is "
              + settings.width()
              + "x"
              + settings.height()
              + "; give a larger --size or write a PNG folder");
    }
    return new FrameSize(w, h);
  }

  /**
   * Checks the output before any work and logs how the written frames will differ from the rendered
   * ones (cropped to an even size, alpha dropped).
   *
   * @throws InputException when this output cannot hold these frames
   */
  public static void check(Path out, RenderSettings settings) {
    FrameSize written = writtenSize(out, settings);
    if (written.width() != settings.width() || written.height() != settings.height()) {
      LOG.warn(
          "{}: H.264 needs an even width and height; the {}x{} frames are written cropped to {} (last"
              + " column/row dropped). Give an even --size to avoid it.",
          out.getFileName(),
          settings.width(),
          settings.height(),
          written);
    }
    if (OutputFormat.forPath(out) == OutputFormat.H264_MP4 && settings.mode().channels() == 4) {
      LOG.warn(
          "{}: MP4 has no alpha; the premultiplied foreground layer is written over black. Write a .mov"
              + " (ProRes 4444 with alpha) or a PNG folder to keep alpha.",
          out.getFileName());
    }
  }

  /**
   * Renders every frame and writes it to {@code out}, cropped to {@link #writtenSize}. Call {@link
   * #check} first, before any other work, so an unusable output fails early and the changes are
   * logged.
   *
   * @param fps the frame rate written into video containers
   * @return wall-clock seconds spent rendering and writing
   */
  public static double write(
      ClipRenderer renderer,
      IntFunction<Frame> originals,
      RenderSettings settings,
      double fps,
      Path out,
      ProgressSink progress)
      throws IOException {
    OutputFormat format = OutputFormat.forPath(out);
    FrameSize size = writtenSize(out, settings);
    long start = System.nanoTime();
    FrameStream rendered =
        sink ->
            renderer.render(originals, settings, progress, (t, f) -> sink.accept(cropped(f, size)));
    try {
      ClipWriter.write(new ReadAheadStream(rendered, IN_FLIGHT), fps, out, format);
    } catch (InputException e) {
      if (format == OutputFormat.PNG_SEQUENCE) {
        throw e;
      }
      throw InputException.of(
          out, e.getMessage() + "; write a PNG folder instead (a path without extension)");
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The top-left {@code size} pixels of {@code f} (itself when it already has that size). */
  private static Frame cropped(Frame f, FrameSize size) {
    if (f.width() == size.width() && f.height() == size.height()) {
      return f;
    }
    int row = size.width() * f.channels();
    float[] px = new float[row * size.height()];
    for (int y = 0; y < size.height(); y++) {
      System.arraycopy(f.pixels(), y * f.width() * f.channels(), px, y * row, row);
    }
    return new Frame(size.width(), size.height(), f.channels(), px);
  }
}
