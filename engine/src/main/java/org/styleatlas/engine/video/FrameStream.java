package org.styleatlas.engine.video;

import java.io.IOException;
import java.util.List;

/**
 * A clip's frames produced one at a time, in order, for a writer that consumes them as they come
 * ({@link ClipWriter#write(FrameStream, double, java.nio.file.Path, OutputFormat)}), so a long clip
 * never has to sit in memory as a whole.
 */
@FunctionalInterface
public interface FrameStream {

  /** Receives one frame; it may keep it only until it returns. */
  @FunctionalInterface
  interface Sink {
    void accept(Frame frame) throws IOException;
  }

  /**
   * Hands every frame to {@code sink}, in order, and returns when all are handed over.
   *
   * @throws IOException when producing a frame or the sink fails; no further frames are handed over
   */
  void forEach(Sink sink) throws IOException;

  /** The frames of a list already in memory. */
  static FrameStream of(List<Frame> frames) {
    return sink -> {
      for (Frame f : frames) {
        sink.accept(f);
      }
    };
  }
}
