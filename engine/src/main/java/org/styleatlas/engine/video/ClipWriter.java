package org.styleatlas.engine.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.AtomicFiles;

/** Writes frames as image sequences or video files. Entry point of the {@code video} package for output. */
public final class ClipWriter {

  private ClipWriter() {}

  /**
   * Writes frames in the given format.
   *
   * @param frames frames of one size, in the engine's pixel convention
   * @param fps frame rate for video containers
   * @param out a folder (sequences) or a file (videos)
   */
  public static void write(List<Frame> frames, double fps, Path out, OutputFormat format) throws IOException {
    if (frames.isEmpty()) {
      throw InputException.of(out, "nothing to write: no frames");
    }
    switch (format) {
      case PNG_SEQUENCE -> writePngSequence(frames, out);
      default -> throw InputException.of(out, format + " output is not supported yet");
    }
  }

  /** Writes one frame as an 8-bit PNG (RGB or RGBA), atomically. */
  public static void writePng(Frame frame, Path file) throws IOException {
    AtomicFiles.write(file, stream -> encodePng(frame, stream));
  }

  /** Encodes one frame as an 8-bit PNG (RGB or RGBA) into {@code out}. */
  public static void encodePng(Frame frame, java.io.OutputStream out) throws IOException {
    if (!ImageIO.write(toImage(frame), "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  private static void writePngSequence(List<Frame> frames, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int t = 0; t < frames.size(); t++) {
      writePng(frames.get(t), dir.resolve(String.format("%05d.png", t)));
    }
  }

  private static BufferedImage toImage(Frame f) {
    BufferedImage img = new BufferedImage(f.width(), f.height(),
        f.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    int[] argb = new int[f.width() * f.height()];
    float[] px = f.pixels();
    int ch = f.channels();
    for (int p = 0; p < argb.length; p++) {
      int a = ch == 4 ? to8(px[p * 4 + 3]) : 255;
      argb[p] = a << 24 | to8(px[p * ch]) << 16 | to8(px[p * ch + 1]) << 8 | to8(px[p * ch + 2]);
    }
    img.setRGB(0, 0, f.width(), f.height(), argb, 0, f.width());
    return img;
  }

  /** [0, 1] float to 8-bit with rounding; out-of-range and NaN values are clamped (NaN to 0). */
  static int to8(float v) {
    if (!(v > 0)) {
      return 0;
    }
    return v >= 1 ? 255 : Math.round(v * 255f);
  }
}
