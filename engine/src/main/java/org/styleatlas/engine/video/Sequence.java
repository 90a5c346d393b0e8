package org.styleatlas.engine.video;

import java.nio.file.Path;
import java.util.List;

/**
 * The frames (or mattes, or headers) of one source, at working size.
 *
 * @param source the folder or video file they came from
 * @param items in display order, at least one, all of one size
 * @param sourceSize the size they had in the source, before resizing
 * @param fps frames per second from the container, or {@link Clip#DEFAULT_FPS} for image folders
 */
record Sequence<T extends PixelGrid>(Path source, List<T> items, FrameSize sourceSize, double fps) {

  int count() {
    return items.size();
  }
}
