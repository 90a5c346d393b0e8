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
    return read(source, longEdge, FrameResizer::resize, ImageFileReader::readFrame, Function.identity());
  }

  /** The mattes of a folder of masks or a matte video (its red channel, which is the grey of a grey mask). */
  static Sequence<Matte> mattes(Path source, int longEdge) {
    return read(source, longEdge, FrameResizer::resize, ImageFileReader::readMatte, f -> Matte.fromChannel(f, 0));
  }

  /** Sizes and alpha of a folder's images from their headers, without decoding them. */
  static Sequence<ImageHeader> headers(Path folder) {
    SequenceCollector<ImageHeader> collector = new SequenceCollector<>(folder, 0, (h, size) -> h);
    for (Path file : ImageFiles.list(folder)) {
      collector.add(ImageFileReader.readHeader(file), file.getFileName().toString());
    }
    return collector.finish(Clip.DEFAULT_FPS);
  }

  private static <T extends PixelGrid> Sequence<T> read(Path source, int longEdge,
      BiFunction<T, FrameSize, T> resizer, Function<Path, T> fileReader, Function<Frame, T> fromVideoFrame) {
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
      return collector.finish(decoder.fps());
    }
  }
}
