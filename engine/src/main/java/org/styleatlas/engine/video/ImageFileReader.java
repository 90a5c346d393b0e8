package org.styleatlas.engine.video;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.styleatlas.engine.InputException;

/**
 * Reads one image file of a frame or matte folder: PNG (8/16-bit) and JPEG through ImageIO, EXR
 * (float) through FFmpeg. Truncated JPEGs and non-finite float pixels are rejected with the file's
 * name.
 */
final class ImageFileReader {

  private ImageFileReader() {}

  /** The image as a frame in the engine's pixel convention. */
  static Frame readFrame(Path file) {
    return isExr(file) ? readExr(file) : BufferedImages.toFrame(file, decode(file));
  }

  /** The image as a matte: see {@link BufferedImages#toMatte}; for EXR, its red channel. */
  static Matte readMatte(Path file) {
    return isExr(file) ? Matte.fromChannel(readExr(file), 0) : BufferedImages.toMatte(decode(file));
  }

  /**
   * Size and alpha from the file's header, without decoding the pixels (JPEGs are still checked
   * whole).
   */
  static ImageHeader readHeader(Path file) {
    if (isExr(file)) {
      try (VideoDecoder decoder = VideoDecoder.open(file)) {
        FrameSize size = decoder.size();
        return new ImageHeader(size.width(), size.height(), decoder.hasAlpha());
      }
    }
    try (ImageInputStream in =
        ImageIO.createImageInputStream(new ByteArrayInputStream(bytes(file)))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw InputException.of(file, "not a readable image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        boolean alpha = reader.getImageTypes(0).next().getColorModel().hasAlpha();
        return new ImageHeader(reader.getWidth(0), reader.getHeight(0), alpha);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw InputException.of(file, "cannot read image: " + e.getMessage(), e);
    }
  }

  static boolean isExr(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".exr");
  }

  private static BufferedImage decode(Path file) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes(file)));
      if (img == null) {
        throw InputException.of(file, "not a readable image");
      }
      return img;
    } catch (IOException e) {
      throw InputException.of(file, "cannot read image: " + e.getMessage(), e);
    }
  }

  /** The file's bytes; a JPEG must be complete. */
  private static byte[] bytes(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw InputException.of(file, "cannot read file: " + e.getMessage(), e);
    }
    if (JpegCompleteness.isJpeg(bytes) && !JpegCompleteness.isComplete(bytes)) {
      throw InputException.of(file, "truncated JPEG (no end-of-image marker after the image data)");
    }
    return bytes;
  }

  private static Frame readExr(Path file) {
    try (VideoDecoder decoder = VideoDecoder.open(file)) {
      Frame frame = decoder.next();
      if (frame == null) {
        throw InputException.of(file, "holds no image");
      }
      requireFinite(file, frame);
      return frame;
    }
  }

  /** Float input must be finite: NaN or infinity would poison every computation downstream. */
  private static void requireFinite(Path file, Frame frame) {
    int i = frame.firstNonFinite();
    if (i >= 0) {
      int pixel = i / frame.channels();
      throw InputException.of(
          file,
          String.format(
              "pixel (%d, %d) channel %d is %s; float input must be finite",
              pixel % frame.width(),
              pixel / frame.width(),
              i % frame.channels(),
              frame.pixels()[i]));
    }
  }
}
