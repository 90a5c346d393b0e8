package org.styleatlas.engine.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Reads every frame or matte of a source (an image folder or a video file) at working size. */
final class SourceReader {

  private SourceReader() {}

  /** The frames of a folder (PNG, JPEG, EXR) or a video file. */
  static Sequence<Frame> frames(Path source, int longEdge) {
    return frames(source, longEdge, FullSizeSink.NONE);
  }

  /** The frames, each shown to {@code sink} at its source size before it is resized. */
  static Sequence<Frame> frames(Path source, int longEdge, FullSizeSink sink) {
    return read(
        source,
        longEdge,
        FrameResizer::resize,
        peek(ImageFileReader::readFrame, sink::frame),
        peek(Function.identity(), sink::frame));
  }

  /**
   * The mattes of a folder of masks or a matte video (its red channel, which is the grey of a grey
   * mask).
   */
  static Sequence<Matte> mattes(Path source, int longEdge) {
    return mattes(source, longEdge, FullSizeSink.NONE);
  }

  /** The mattes, each shown to {@code sink} at its source size before it is resized. */
  static Sequence<Matte> mattes(Path source, int longEdge, FullSizeSink sink) {
    return read(
        source,
        longEdge,
        FrameResizer::resize,
        peek(ImageFileReader::readMatte, sink::matte),
        peek(f -> Matte.fromChannel(f, 0), sink::matte));
  }

  private static <A, T> Function<A, T> peek(
      Function<A, T> read, java.util.function.Consumer<T> sink) {
    return a -> {
      T item = read.apply(a);
      sink.accept(item);
      return item;
    };
  }

  /** Sizes and alpha of a folder's images from their headers, without decoding them. */
  static Sequence<ImageHeader> headers(Path folder) {
    SequenceCollector<ImageHeader> collector = new SequenceCollector<>(folder, 0, (h, size) -> h);
    for (Path file : ImageFiles.list(folder)) {
      collector.add(ImageFileReader.readHeader(file), file.getFileName().toString());
    }
    return collector.finish(Clip.DEFAULT_FPS);
  }

  private static <T extends PixelGrid> Sequence<T> read(
      Path source,
      int longEdge,
      BiFunction<T, FrameSize, T> resizer,
      Function<Path, T> fileReader,
      Function<Frame, T> fromVideoFrame) {
    SequenceCollector<T> collector = new SequenceCollector<>(source, longEdge, resizer);
    if (Files.isDirectory(source)) {
      for (Path file : ImageFiles.list(source)) {
        collector.add(fileReader.apply(file), file.getFileName().toString());
      }
      return collector.finish(Clip.DEFAULT_FPS);
    }
    try (VideoDecoder decoder = VideoDecoder.open(source)) {
      Frame frame;
      for (int t = 0; (frame = decoder.next()) != null; t++) {
        collector.add(fromVideoFrame.apply(frame), "frame " + t);
      }
      decoder.decodedOrFail(); // the same count, warning and error as a probe of the file
      return collector.finish(decoder.fps());
    }
  }
}
