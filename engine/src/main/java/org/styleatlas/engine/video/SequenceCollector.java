package org.styleatlas.engine.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.styleatlas.engine.InputException;

/**
 * Gathers the items of one source as they are read: checks that they all have the first one's size,
 * and resizes each to the working size at once, so a long clip never sits in memory at full size.
 */
final class SequenceCollector<T extends PixelGrid> {
  private final Path source;
  private final int longEdge;
  private final BiFunction<T, FrameSize, T> resizer;
  private final List<T> items = new ArrayList<>();
  private FrameSize sourceSize;
  private FrameSize workingSize;
  private String firstLabel;

  /**
   * @param source the folder or file being read, named in errors
   * @param longEdge working long edge in pixels, 0 to keep the source size
   * @param resizer resizes one item to a size
   */
  SequenceCollector(Path source, int longEdge, BiFunction<T, FrameSize, T> resizer) {
    this.source = source;
    this.longEdge = longEdge;
    this.resizer = resizer;
  }

  /** Adds the next item; {@code label} names it in errors, such as "00012.jpg" or "frame 12". */
  void add(T item, String label) {
    FrameSize size = item.size();
    if (sourceSize == null) {
      sourceSize = size;
      workingSize = size.fitLongEdge(longEdge);
      firstLabel = label;
    } else if (!size.equals(sourceSize)) {
      throw InputException.of(
          source,
          String.format(
              "frames of different sizes: %s is %s but %s is %s",
              label, size, firstLabel, sourceSize));
    }
    items.add(resizer.apply(item, workingSize));
  }

  /** The sequence; fails when nothing was added. */
  Sequence<T> finish(double fps) {
    if (items.isEmpty()) {
      throw InputException.of(source, "holds no video frames");
    }
    return new Sequence<>(source, List.copyOf(items), sourceSize, fps);
  }
}
