package org.styleatlas.engine.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.video.ClipWriter;

/**
 * Atlas export and import: NLA's manual-edit workflow. An atlas is written as an 8-bit PNG, painted
 * in any image editor, and read back; the import must keep the exported size, since the UV maps
 * address the atlas in normalised coordinates and a resized atlas would still work but is almost
 * always a mistake.
 */
public final class AtlasFiles {
  private AtlasFiles() {}

  /** Writes the atlas as an 8-bit RGB PNG, atomically. */
  public static void write(AtlasTexture atlas, Path file) throws IOException {
    ClipWriter.writePng(atlas.toFrame(), file);
  }

  /**
   * Reads a painted version of {@code exported}: same size, same atlas region.
   *
   * @throws InputException when the file is missing, unreadable, or of another size
   */
  public static AtlasTexture readLike(Path file, AtlasTexture exported) {
    AtlasTexture t = read(file, exported.width(), exported.height());
    return exported.withRgb(t.rgb());
  }

  /**
   * Reads an atlas image over the whole atlas domain.
   *
   * @param expectedWidth the exported atlas's width, or 0 to accept any size
   * @param expectedHeight the exported atlas's height, or 0 to accept any size
   * @throws InputException when the file is missing, unreadable, or of another size
   */
  public static AtlasTexture read(Path file, int expectedWidth, int expectedHeight) {
    if (!Files.isRegularFile(file)) {
      throw InputException.of(file, "no such atlas image");
    }
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw InputException.of(file, "cannot read the atlas image: " + e.getMessage(), e);
    }
    if (img == null) {
      throw InputException.of(file, "not an image ImageIO can read (use PNG)");
    }
    if (expectedWidth > 0
        && (img.getWidth() != expectedWidth || img.getHeight() != expectedHeight)) {
      throw InputException.of(
          file,
          "atlas is "
              + img.getWidth()
              + "x"
              + img.getHeight()
              + " but the exported atlas was "
              + expectedWidth
              + "x"
              + expectedHeight
              + "; keep the size when painting");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    float[] rgb = new float[w * h * 3];
    for (int p = 0; p < argb.length; p++) {
      rgb[p * 3] = ((argb[p] >> 16) & 0xff) / 255f;
      rgb[p * 3 + 1] = ((argb[p] >> 8) & 0xff) / 255f;
      rgb[p * 3 + 2] = (argb[p] & 0xff) / 255f;
    }
    return new AtlasTexture(w, h, rgb);
  }
}
