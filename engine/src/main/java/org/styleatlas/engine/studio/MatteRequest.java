package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.InputException;

/**
 * What {@code styleatlas matte} asks: the object's matte on every frame of a clip, segmented from a
 * box on one frame, written as a PNG folder at the source's size.
 *
 * @param source a folder of frames or a video file
 * @param box the object's box on one frame
 * @param longEdge the segmentation's working resolution, the longer side in pixels (0 keeps the
 *     source size); empty: the engine's working size (as the decomposition's box matte)
 * @param out the folder the PNG mattes ({@code 00000.png}, …; 8-bit grey, 255 = object) go to
 */
public record MatteRequest(Path source, ObjectBox box, Optional<Integer> longEdge, Path out) {
  public MatteRequest {
    if (source == null) {
      throw new InputException("INPUT: missing; give a folder of frames or a video file");
    }
    if (box == null) {
      throw new InputException("--box: missing; give the object's box x0,y0,x1,y1[@frame]");
    }
    if (out == null) {
      throw new InputException("--out: missing; give the folder the mattes go to");
    }
    longEdge = longEdge == null ? Optional.empty() : longEdge;
    if (longEdge.isPresent() && longEdge.get() < 0) {
      throw new InputException("--long-edge: must be 0 or positive, got " + longEdge.get());
    }
  }
}
