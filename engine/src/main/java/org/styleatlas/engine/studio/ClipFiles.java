package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.InputException;

/**
 * A clip on disk to prepare: frames or a video, with its matte.
 *
 * @param source a folder of frames or a video file
 * @param matte a folder of masks or a matte video, when the source has no alpha
 * @param longEdge the working resolution's longer side in pixels (0 keeps the source size)
 */
public record ClipFiles(Path source, Optional<Path> matte, int longEdge) {
  public ClipFiles {
    if (source == null) {
      throw new InputException("INPUT: missing; give a folder of frames or a video file");
    }
    matte = matte == null ? Optional.empty() : matte;
    if (longEdge < 0) {
      throw new InputException("--long-edge: must be 0 or positive, got " + longEdge);
    }
  }
}
