package org.styleatlas.engine.video;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.styleatlas.engine.InputException;

/**
 * Loads a {@link Clip} with its matte. Entry point of the {@code video} package.
 *
 * <p>Image folders (8/16-bit PNG, JPEG) are read here; video files and EXR are read by the JavaCV-backed
 * readers of this package.
 */
public final class ClipReader {

  private ClipReader() {}

  /** Reads the clip and its matte as requested; every failure is an {@link InputException} naming the file. */
  public static Clip read(ClipRequest request) {
    Path source = request.source();
    if (!Files.exists(source)) {
      throw InputException.of(source, "no such file or folder");
    }
    List<Frame> frames;
    double fps = Clip.DEFAULT_FPS;
    if (Files.isDirectory(source)) {
      frames = readImageFolder(source);
    } else {
      throw InputException.of(source, "video files are not supported yet");
    }
    Optional<List<Matte>> mattes = request.matte().map(ClipReader::readMatteFolder);
    if (mattes.isEmpty() && frames.get(0).hasAlpha()) {
      mattes = Optional.of(frames.stream().map(Frame::alpha).toList());
    }
    String name = source.getFileName() == null ? source.toString() : source.getFileName().toString();
    try {
      return new Clip(name, fps, frames, mattes);
    } catch (IllegalArgumentException e) {
      throw InputException.of(source, e.getMessage().substring(e.getMessage().indexOf(':') + 2), e);
    }
  }

  static List<Frame> readImageFolder(Path folder) {
    List<Frame> frames = new ArrayList<>();
    for (Path file : ImageFiles.list(folder)) {
      frames.add(toFrame(file, readImage(file)));
    }
    return frames;
  }

  static List<Matte> readMatteFolder(Path folder) {
    List<Matte> mattes = new ArrayList<>();
    for (Path file : ImageFiles.list(folder)) {
      mattes.add(toMatte(readImage(file)));
    }
    return mattes;
  }

  private static BufferedImage readImage(Path file) {
    try {
      BufferedImage img = ImageIO.read(file.toFile());
      if (img == null) {
        throw InputException.of(file, "not a readable image");
      }
      return img;
    } catch (IOException e) {
      throw InputException.of(file, "cannot read image: " + e.getMessage(), e);
    }
  }

  private static Frame toFrame(Path file, BufferedImage img) {
    Raster r = img.getRaster();
    int bands = r.getNumBands();
    int channels = img.getColorModel().hasAlpha() ? 4 : 3;
    if (bands < 3) {
      // Grey images become RGB.
      float[] grey = samples(r, 0);
      float[] px = new float[grey.length * 3];
      for (int p = 0; p < grey.length; p++) {
        px[p * 3] = px[p * 3 + 1] = px[p * 3 + 2] = grey[p];
      }
      return new Frame(img.getWidth(), img.getHeight(), 3, px);
    }
    if (img.getColorModel().getColorSpace().getType() != java.awt.color.ColorSpace.TYPE_RGB) {
      throw InputException.of(file, "unsupported colour space (expected RGB or grey)");
    }
    float[] px = new float[img.getWidth() * img.getHeight() * channels];
    for (int c = 0; c < channels; c++) {
      float[] s = samples(r, c);
      for (int p = 0; p < s.length; p++) {
        px[p * channels + c] = s[p];
      }
    }
    return new Frame(img.getWidth(), img.getHeight(), channels, px);
  }

  private static Matte toMatte(BufferedImage img) {
    Raster r = img.getRaster();
    // Masks are grey, palette (DAVIS) or RGB: anything non-zero in the first band is object.
    float[] v;
    if (img.getColorModel() instanceof java.awt.image.IndexColorModel) {
      int[] idx = r.getSamples(0, 0, r.getWidth(), r.getHeight(), 0, (int[]) null);
      v = new float[idx.length];
      for (int i = 0; i < idx.length; i++) {
        v[i] = idx[i] != 0 ? 1f : 0f;
      }
    } else {
      v = samples(r, 0);
    }
    return new Matte(img.getWidth(), img.getHeight(), v);
  }

  /** One band as floats in [0, 1], scaled by the band's bit depth. */
  private static float[] samples(Raster r, int band) {
    int bits = r.getSampleModel().getSampleSize(band);
    float scale = 1f / ((1L << bits) - 1);
    int[] s = r.getSamples(0, 0, r.getWidth(), r.getHeight(), band, (int[]) null);
    float[] out = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] * scale;
    }
    return out;
  }
}
