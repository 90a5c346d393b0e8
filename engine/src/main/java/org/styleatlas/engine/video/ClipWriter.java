package org.styleatlas.engine.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.AtomicFiles;

/**
 * Writes frames as image sequences or video files. Entry point of the {@code video} package for
 * output. Formats: see {@link OutputFormat}. Every file appears only when complete (written under a
 * temporary name, then renamed).
 */
public final class ClipWriter {

  private ClipWriter() {}

  /**
   * Writes frames in the given format.
   *
   * @param frames frames of one size and channel count, in the engine's pixel convention
   * @param fps frame rate for video containers
   * @param out a folder (sequences, files named {@code 00000.png} or {@code 00000.exr}) or a file
   *     (videos)
   * @throws InputException when the frames do not suit the format (H.264 needs even sizes)
   * @throws IllegalArgumentException when the frames differ in size or channel count
   * @throws IOException when writing fails
   */
  public static void write(List<Frame> frames, double fps, Path out, OutputFormat format)
      throws IOException {
    if (frames.isEmpty()) {
      throw InputException.of(out, "nothing to write: no frames");
    }
    UniformFrames shape = new UniformFrames(out);
    for (Frame f : frames) {
      shape.check(f);
    }
    write(FrameStream.of(frames), fps, out, format);
  }

  /**
   * Writes frames as they are produced, holding none of them after it is written: sequence files
   * appear one by one (each atomically), a video file appears only when the last frame is encoded
   * (written under a temporary name, then renamed; a failure on either side leaves no partial file
   * and keeps an older one).
   *
   * @param frames produces frames of one size and channel count, in order
   * @param fps frame rate for video containers
   * @param out a folder (sequences) or a file (videos)
   * @throws InputException when the frames do not suit the format (H.264 needs even sizes) or there
   *     are none
   * @throws IllegalArgumentException when a frame differs in size or channel count from the first
   * @throws IOException when producing or writing fails
   */
  public static void write(FrameStream frames, double fps, Path out, OutputFormat format)
      throws IOException {
    UniformFrames shape = new UniformFrames(out);
    FrameStream checked =
        sink ->
            frames.forEach(
                f -> {
                  shape.check(f);
                  sink.accept(f);
                });
    switch (format) {
      case PNG_SEQUENCE -> writeSequence(checked, out, "png", ClipWriter::writePng);
      case EXR_SEQUENCE -> writeSequence(checked, out, "exr", ExrWriter::write);
      case H264_MP4 -> VideoFileWriter.writeH264(checked, fps, out);
      case PRORES_4444_MOV -> VideoFileWriter.writeProRes4444(checked, fps, out);
    }
    if (shape.count() == 0) {
      throw InputException.of(out, "nothing to write: no frames");
    }
  }

  /** Writes one frame as an 8-bit PNG (RGB or RGBA), atomically. */
  public static void writePng(Frame frame, Path file) throws IOException {
    AtomicFiles.write(file, stream -> encodePng(frame, stream));
  }

  /** Writes a matte as an 8-bit grey PNG (0 = background, 255 = object), atomically. */
  public static void writeMattePng(Matte matte, Path file) throws IOException {
    BufferedImage img =
        new BufferedImage(matte.width(), matte.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] grey = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
    float[] v = matte.values();
    for (int p = 0; p < grey.length; p++) {
      grey[p] = (byte) to8(v[p]);
    }
    AtomicFiles.write(
        file,
        stream -> {
          if (!ImageIO.write(img, "png", stream)) {
            throw new IOException("no PNG writer available");
          }
        });
  }

  /** Encodes one frame as an 8-bit PNG (RGB or RGBA) into {@code out}. */
  public static void encodePng(Frame frame, java.io.OutputStream out) throws IOException {
    if (!ImageIO.write(toImage(frame), "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  /** Writes one frame to one file. */
  @FunctionalInterface
  private interface FrameFileWriter {
    void write(Frame frame, Path file) throws IOException;
  }

  /** Writes frame t as {@code dir/0000t.ext}, numbered from 0, as it arrives. */
  private static void writeSequence(
      FrameStream frames, Path dir, String extension, FrameFileWriter writer) throws IOException {
    Files.createDirectories(dir);
    int[] t = {0};
    frames.forEach(f -> writer.write(f, dir.resolve(String.format("%05d.%s", t[0]++, extension))));
  }

  private static BufferedImage toImage(Frame f) {
    BufferedImage img =
        new BufferedImage(
            f.width(),
            f.height(),
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

  private static int to8(float v) {
    return PackedPixels.quantise(v, 255);
  }
}
