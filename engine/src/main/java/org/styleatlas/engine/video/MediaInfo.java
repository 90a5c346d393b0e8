package org.styleatlas.engine.video;

import java.nio.file.Files;
import java.nio.file.Path;
import org.styleatlas.engine.InputException;

/**
 * What a source holds: for a folder, found from image headers without decoding any pixels; for a
 * movie, its frames are decoded (not converted) and counted, the same count {@link ClipReader}
 * gets, so a truncated file is never reported with frames that do not decode (#19.8).
 *
 * @param name the source's path, or a description for generated clips
 * @param frameCount number of frames: image files in a folder, frames that decode in a movie
 * @param size frame size in the source
 * @param hasAlpha whether the frames carry an alpha channel
 * @param fps frames per second from the container; {@link Clip#DEFAULT_FPS} for image folders
 * @param durationSeconds duration as the container states it; {@code frameCount / fps} when it
 *     states none
 */
public record MediaInfo(
    String name,
    int frameCount,
    FrameSize size,
    boolean hasAlpha,
    double fps,
    double durationSeconds) {

  /**
   * Probes a folder of frames or a video file. Folders are checked for images of one size and
   * complete JPEGs; movies are opened and their frames decoded and counted. Failures are {@link
   * InputException}s naming the file.
   */
  public static MediaInfo probe(Path source) {
    if (!Files.exists(source)) {
      throw InputException.of(source, "no such file or folder");
    }
    if (Files.isDirectory(source)) {
      Sequence<ImageHeader> headers = SourceReader.headers(source);
      int n = headers.count();
      return new MediaInfo(
          source.toString(),
          n,
          headers.sourceSize(),
          headers.items().get(0).hasAlpha(),
          headers.fps(),
          n / headers.fps());
    }
    try (VideoDecoder decoder = VideoDecoder.open(source)) {
      int n = decoder.countFrames();
      double duration = decoder.containerDurationSeconds();
      return new MediaInfo(
          source.toString(),
          n,
          decoder.size(),
          decoder.hasAlpha(),
          decoder.fps(),
          duration > 0 ? duration : n / decoder.fps());
    }
  }

  /**
   * The frame size of a folder of frames (from the first image's header) or of a video file (from
   * its stream), without decoding or counting frames.
   */
  public static FrameSize sourceSize(Path source) {
    if (!Files.exists(source)) {
      throw InputException.of(source, "no such file or folder");
    }
    if (Files.isDirectory(source)) {
      return SourceReader.headers(source).sourceSize();
    }
    try (VideoDecoder decoder = VideoDecoder.open(source)) {
      return decoder.size();
    }
  }

  /**
   * The frames a source lists without decoding them: image files in a folder, the container's count
   * (an estimate for some containers, 0 when it states none) in a video file. A truncated file may
   * list more than decode ({@link #probe} counts those).
   */
  public static int listedFrames(Path source) {
    if (!Files.exists(source)) {
      throw InputException.of(source, "no such file or folder");
    }
    if (Files.isDirectory(source)) {
      return ImageFiles.list(source).size();
    }
    try (VideoDecoder decoder = VideoDecoder.open(source)) {
      return decoder.listedFrames();
    }
  }

  /** The facts of a clip already in memory. */
  public static MediaInfo of(String name, Clip clip) {
    return new MediaInfo(
        name,
        clip.frameCount(),
        clip.frame(0).size(),
        clip.frame(0).hasAlpha(),
        clip.fps(),
        clip.durationSeconds());
  }

  /**
   * Fails with an {@link InputException} naming {@code matte} unless it fits this clip, see {@link
   * MatteFit}.
   */
  public void requireMatteFits(Path matte, MediaInfo matteInfo) {
    MatteFit.require(
        matte, matteInfo.frameCount(), matteInfo.size(), Path.of(name), frameCount, size);
  }
}
