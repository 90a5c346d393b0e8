package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.InputException;

/**
 * A clip on disk to prepare: frames or a video, with its matte, and how to decompose it.
 *
 * @param source a folder of frames or a video file
 * @param matte a folder of masks or a matte video, when the source has no alpha
 * @param longEdge the working resolution's longer side in pixels (0 keeps the source size); empty: the
 *     engine's ({@code styleatlas.pipeline.longEdge}, as the host)
 * @param decomposition the decomposition preset, {@code fast} or {@code faithful}; empty: the engine's
 *     ({@code styleatlas.pipeline.*}, as the host)
 */
public record ClipFiles(Path source, Optional<Path> matte, Optional<Integer> longEdge, Optional<String> decomposition) {
  public ClipFiles {
    if (source == null) {
      throw new InputException("INPUT: missing; give a folder of frames or a video file");
    }
    matte = matte == null ? Optional.empty() : matte;
    longEdge = longEdge == null ? Optional.empty() : longEdge;
    decomposition = decomposition == null ? Optional.empty() : decomposition;
    if (longEdge.isPresent() && longEdge.get() < 0) {
      throw new InputException("--long-edge: must be 0 or positive, got " + longEdge.get());
    }
  }
}
