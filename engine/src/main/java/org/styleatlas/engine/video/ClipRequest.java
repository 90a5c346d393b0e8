package org.styleatlas.engine.video;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to load: the source, where its matte comes from, and the working resolution.
 *
 * @param source a folder of frames (PNG, JPEG, 16-bit PNG, EXR) or a video file (mp4, mov, ...)
 * @param matte a folder of PNG masks or a matte video; empty to use the source's alpha if it has
 *     one
 * @param longEdge resize frames and mattes so the longer side has exactly this many pixels (area
 *     filter, see {@link FrameResizer}; smaller sources are enlarged); 0 keeps the source size
 */
public record ClipRequest(Path source, Optional<Path> matte, int longEdge) {

  /** Default working resolution: the long edge in pixels. */
  public static final int DEFAULT_LONG_EDGE = 768;

  public ClipRequest {
    if (longEdge < 0) {
      throw new IllegalArgumentException("long edge must be 0 (keep) or positive, got " + longEdge);
    }
  }

  /** Load at the source's own size. */
  public static ClipRequest nativeSize(Path source, Optional<Path> matte) {
    return new ClipRequest(source, matte, 0);
  }
}
