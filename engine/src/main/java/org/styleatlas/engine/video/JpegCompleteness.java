package org.styleatlas.engine.video;

/**
 * Tells a complete JPEG from a truncated one. ImageIO decodes a truncated JPEG without complaint
 * (the missing rows come out grey), so the file's structure is checked first: the marker segments
 * are walked from the start-of-image marker to the first start-of-scan, and an end-of-image marker
 * (FF D9) must follow it. Inside scan data every FF byte is stuffed or a restart marker, so an FF
 * D9 there is the real end of the image; segments before the scan (such as an EXIF thumbnail) are
 * skipped by their length.
 */
final class JpegCompleteness {
  private static final int MARKER = 0xFF;
  private static final int SOI = 0xD8;
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;

  private JpegCompleteness() {}

  /** Whether the bytes start like a JPEG file (FF D8). */
  static boolean isJpeg(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xFF) == MARKER && (bytes[1] & 0xFF) == SOI;
  }

  /** Whether a JPEG file's bytes hold a scan followed by its end-of-image marker. */
  static boolean isComplete(byte[] bytes) {
    int pos = 2;
    while (pos + 4 <= bytes.length) {
      if ((bytes[pos] & 0xFF) != MARKER) {
        return false;
      }
      int marker = bytes[pos + 1] & 0xFF;
      if (marker == MARKER) {
        pos++; // fill byte before a marker
        continue;
      }
      int length = (bytes[pos + 2] & 0xFF) << 8 | (bytes[pos + 3] & 0xFF);
      if (marker == SOS) {
        return hasEndMarker(bytes, pos + 2 + length);
      }
      pos += 2 + length;
    }
    return false;
  }

  private static boolean hasEndMarker(byte[] bytes, int from) {
    for (int i = bytes.length - 2; i >= from; i--) {
      if ((bytes[i] & 0xFF) == MARKER && (bytes[i + 1] & 0xFF) == EOI) {
        return true;
      }
    }
    return false;
  }
}
