package org.styleatlas.engine.video;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats the engine writes. */
public enum OutputFormat {
  /** A folder of 8-bit PNG files, RGB or RGBA (sRGB-encoded, straight alpha). */
  PNG_SEQUENCE,
  /** H.264 in MP4, 8-bit 4:2:0; alpha is dropped. */
  H264_MP4,
  /** ProRes 4444 in QuickTime, with alpha. */
  PRORES_4444_MOV,
  /** A folder of float32 EXR files (values above 1 kept). */
  EXR_SEQUENCE;

  /** The format implied by a path: .mp4, .mov, a folder ending in "exr", otherwise a PNG folder. */
  public static OutputFormat forPath(Path out) {
    String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".mp4")) {
      return H264_MP4;
    }
    if (n.endsWith(".mov")) {
      return PRORES_4444_MOV;
    }
    if (n.endsWith("exr")) {
      return EXR_SEQUENCE;
    }
    return PNG_SEQUENCE;
  }
}
