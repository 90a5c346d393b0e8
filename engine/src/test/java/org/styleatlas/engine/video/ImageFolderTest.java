package org.styleatlas.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders beyond the round trips: 16-bit PNG precision and the JPEG completeness check. */
class ImageFolderTest {

  @TempDir Path dir;

  @Test
  void sixteenBitPngKeepsItsPrecision() throws Exception {
    BufferedImage img = new BufferedImage(8, 4, BufferedImage.TYPE_USHORT_GRAY);
    img.getRaster().setSample(5, 2, 0, 1000);
    Path folder = Files.createDirectories(dir.resolve("deep"));
    ImageIO.write(img, "png", folder.resolve("00000.png").toFile());
    Clip clip = ClipReader.read(ClipRequest.nativeSize(folder, Optional.empty()));
    assertEquals(1000 / 65535f, clip.frame(0).get(5, 2, 1), 1e-7, "not quantised to 8 bits");
  }

  @Test
  void jpegCompletenessNeedsTheEndMarkerAfterTheScan() {
    byte[] complete = {
      (byte) 0xFF,
      (byte) 0xD8,
      (byte) 0xFF,
      (byte) 0xE0,
      0,
      4,
      1,
      2,
      (byte) 0xFF,
      (byte) 0xDA,
      0,
      2,
      7,
      (byte) 0xFF,
      0,
      9,
      (byte) 0xFF,
      (byte) 0xD9
    };
    assertTrue(JpegCompleteness.isJpeg(complete));
    assertTrue(JpegCompleteness.isComplete(complete));
    byte[] cut = java.util.Arrays.copyOf(complete, complete.length - 2);
    assertEquals(false, JpegCompleteness.isComplete(cut));
    // An end marker inside an application segment (an EXIF thumbnail) does not count.
    byte[] thumbnailOnly = {
      (byte) 0xFF,
      (byte) 0xD8,
      (byte) 0xFF,
      (byte) 0xE1,
      0,
      4,
      (byte) 0xFF,
      (byte) 0xD9,
      (byte) 0xFF,
      (byte) 0xDA,
      0,
      2,
      7,
      8
    };
    assertEquals(false, JpegCompleteness.isComplete(thumbnailOnly));
  }
}
