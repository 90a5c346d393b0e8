package org.styleatlas.engine.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;

/**
 * Loads a {@link Clip} with its matte. Entry point of the {@code video} package.
 *
 * <p>Sources: a folder of frames (JPEG, 8/16-bit PNG, float EXR) or a video file (mp4, mov: H.264,
 * ProRes, anything FFmpeg decodes), with the container's frame rate. Mattes: a folder of masks, a
 * matte video, or else the source's alpha channel when it has one. Frames and mattes are resized to
 * the request's working size with area filtering, after their source sizes were checked against
 * each other. A source is never enlarged unless the request allows it ({@link
 * ClipRequest#allowUpscale}).
 */
public final class ClipReader {
  private static final Logger LOG = LoggerFactory.getLogger(ClipReader.class);

  private ClipReader() {}

  /**
   * Reads the clip and its matte as requested; every failure is an {@link InputException} naming
   * the file.
   */
  public static Clip read(ClipRequest request) {
    return read(request, FullSizeSink.NONE);
  }

  /**
   * {@link #read(ClipRequest)}, showing every frame and matte to {@code sink} at its source size
   * before it is resized, so the caller can hash them without the clip ever sitting in memory at
   * full size.
   */
  public static Clip read(ClipRequest request, FullSizeSink sink) {
    Path source = request.source();
    if (!Files.exists(source)) {
      throw InputException.of(source, "no such file or folder");
    }
    FrameSize sourceSize = MediaInfo.sourceSize(source);
    FrameBudget.requireSourceSize(source, sourceSize);
    int longEdge = request.longEdgeFor(sourceSize);
    Sequence<Frame> frames = SourceReader.frames(source, longEdge, sink);
    Optional<List<Matte>> mattes = request.matte().map(m -> readMatte(m, frames, longEdge, sink));
    if (mattes.isEmpty() && frames.items().get(0).hasAlpha()) {
      mattes = Optional.of(frames.items().stream().map(Frame::alpha).toList());
    }
    LOG.debug(
        "{}: {} frames at {} (source {}), {} fps, matte: {}",
        source,
        frames.count(),
        frames.items().get(0).size(),
        frames.sourceSize(),
        frames.fps(),
        mattes.isPresent());
    String name =
        source.getFileName() == null ? source.toString() : source.getFileName().toString();
    return new Clip(name, frames.fps(), frames.items(), mattes);
  }

  private static List<Matte> readMatte(
      Path matte, Sequence<Frame> frames, int longEdge, FullSizeSink sink) {
    Sequence<Matte> mattes = SourceReader.mattes(matte, longEdge, sink);
    MatteFit.require(
        matte,
        mattes.count(),
        mattes.sourceSize(),
        frames.source(),
        frames.count(),
        frames.sourceSize());
    return mattes.items();
  }
}
