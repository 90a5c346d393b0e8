package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.MediaInfo;

/**
 * The studio's one rule for the size a clip from files is worked at (#19.6), for every command that
 * prepares one (decompose, stylize, render) and for the host alike: the working long edge shrinks a
 * source but never enlarges it unless asked ({@code --allow-upscale}, {@link
 * ClipFiles#allowUpscale}). A request that would enlarge works at the source's own size and says so
 * in one WARN line. The host's own jobs never ask: a collected clip is only shrunk ({@code
 * JobClips.working}) and a file job's {@link ClipRequest} does not allow upscaling.
 *
 * @param longEdge the requested working long edge in pixels, 0 to keep the source size
 * @param allowUpscale whether a source shorter than {@code longEdge} is enlarged to it
 */
record WorkingSize(int longEdge, boolean allowUpscale) {
  private static final Logger LOG = LoggerFactory.getLogger(WorkingSize.class);

  /**
   * What the reader gets for {@code source}: {@link #longEdge} when it shrinks the source or
   * enlarging was asked for, else the source's own size, with a WARN naming both.
   *
   * @param sourceSize the source's frame size ({@link #sourceSize})
   */
  ClipRequest request(Path source, Optional<Path> matte, FrameSize sourceSize) {
    ClipRequest request = new ClipRequest(source, matte, longEdge, allowUpscale);
    if (request.enlarges(sourceSize) && !allowUpscale) {
      LOG.warn(clampNotice(source, sourceSize, longEdge));
    }
    return request;
  }

  /** Whether {@code sourceSize} is read enlarged (then its cache address says so). */
  boolean upscales(FrameSize sourceSize) {
    return allowUpscale && longEdge > Math.max(sourceSize.width(), sourceSize.height());
  }

  /** The frame size of {@code source}, from headers or the stream (no frame is decoded). */
  static FrameSize sourceSize(Path source) {
    return MediaInfo.sourceSize(source);
  }

  /** The one-line notice of a clamped working size. */
  static String clampNotice(Path source, FrameSize sourceSize, int longEdge) {
    return source
        + " is "
        + sourceSize
        + ": working at that size, not at a long edge of "
        + longEdge
        + " (a working size never enlarges the source; --allow-upscale enlarges it)";
  }
}
