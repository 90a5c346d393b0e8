package org.styleatlas.engine.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.styleatlas.engine.InputException;

/**
 * A source's frames at their own size, decoded one at a time when asked for (a render composites
 * over them instead of over the working-size frames): an image folder's file {@code t}, or a
 * video's frame {@code t}, decoded in order (asking for an earlier frame than the last reopens the
 * video). Frames are RGB ({@code [H, W, 3]} float32, the alpha channel dropped), decoded as {@link
 * ClipReader} decodes them. Not thread-safe; close it to release the decoder.
 */
public final class SourceFrames implements IntFunction<Frame>, AutoCloseable {
  private final Path source;
  private final List<Path> files;
  private VideoDecoder decoder;
  private int next;

  private SourceFrames(Path source, List<Path> files) {
    this.source = source;
    this.files = files;
  }

  /** The frames of {@code source}, a folder of images or a video file. */
  public static SourceFrames open(Path source) {
    return new SourceFrames(source, Files.isDirectory(source) ? ImageFiles.list(source) : null);
  }

  /**
   * Frame {@code t} at the source's size.
   *
   * @throws InputException when the source has no frame {@code t} (it changed since it was read)
   */
  @Override
  public Frame apply(int t) {
    if (files != null) {
      if (t >= files.size()) {
        throw missing(t);
      }
      return ImageFileReader.readFrame(files.get(t)).rgb();
    }
    if (decoder == null || t < next) {
      close();
      decoder = VideoDecoder.open(source);
      next = 0;
    }
    Frame frame = null;
    while (next <= t) {
      frame = decoder.next();
      if (frame == null) {
        throw missing(t);
      }
      next++;
    }
    return frame.rgb();
  }

  private InputException missing(int t) {
    return InputException.of(source, "has no frame " + t + " any more (changed since it was read)");
  }

  @Override
  public void close() {
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
  }
}
