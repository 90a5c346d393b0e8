package org.styleatlas.engine.video;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to load: the source, where its matte comes from, and the working resolution.
 *
 * @param source a folder of frames (PNG, JPEG, 16-bit PNG, EXR) or a video file (mp4, mov, ...)
 * @param matte a folder of PNG masks or a matte video; empty to use the source's alpha if it has
 *     one
 * @param longEdge resize frames and mattes so the longer side has this many pixels (area filter,
 *     see {@link FrameResizer}); 0 keeps the source size
 * @param allowUpscale whether a source whose longer side is shorter than {@code longEdge} is
 *     enlarged to it; by default it is read at its own size (#19.6: never enlarge unless asked)
 */
public record ClipRequest(Path source, Optional<Path> matte, int longEdge, boolean allowUpscale) {

  /** Default working resolution: the long edge in pixels. */
  public static final int DEFAULT_LONG_EDGE = 768;

  public ClipRequest {
    if (longEdge < 0) {
      throw new IllegalArgumentException("long edge must be 0 (keep) or positive, got " + longEdge);
    }
  }

  /** Shrinks to {@code longEdge}, never enlarges. */
  public ClipRequest(Path source, Optional<Path> matte, int longEdge) {
    this(source, matte, longEdge, false);
  }

  /** Load at the source's own size. */
  public static ClipRequest nativeSize(Path source, Optional<Path> matte) {
    return new ClipRequest(source, matte, 0);
  }

  /**
   * The long edge to read a source of {@code sourceSize} at: {@link #longEdge}, or 0 (its own size)
   * when that would enlarge it and {@link #allowUpscale} is off.
   */
  public int longEdgeFor(FrameSize sourceSize) {
    return enlarges(sourceSize) && !allowUpscale ? 0 : longEdge;
  }

  /** Whether {@link #longEdge} is longer than the longer side of {@code sourceSize}. */
  public boolean enlarges(FrameSize sourceSize) {
    return longEdge > Math.max(sourceSize.width(), sourceSize.height());
  }
}
