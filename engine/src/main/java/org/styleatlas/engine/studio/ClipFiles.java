package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.InputException;

/**
 * A clip on disk to prepare: frames or a video, with its matte, and how to decompose it. Empty values take
 * this engine's settings ({@code styleatlas.pipeline.*}, the host's), so by default the CLI prepares what the
 * host looks up.
 *
 * @param source a folder of frames or a video file
 * @param matte a folder of masks or a matte video, when the source has no alpha
 * @param longEdge the working resolution's longer side in pixels (0 keeps the source size)
 * @param decomposition the decomposition preset, {@code fast} or {@code faithful}
 * @param iterations main decomposition steps, ≥ 1 (the preset's otherwise)
 * @param seed seed of the decomposition's initialisation and batches (the preset's otherwise)
 */
public record ClipFiles(Path source, Optional<Path> matte, Optional<Integer> longEdge, Optional<String> decomposition,
    Optional<Integer> iterations, Optional<Long> seed) {
  public ClipFiles {
    if (source == null) {
      throw new InputException("INPUT: missing; give a folder of frames or a video file");
    }
    matte = matte == null ? Optional.empty() : matte;
    longEdge = longEdge == null ? Optional.empty() : longEdge;
    decomposition = decomposition == null ? Optional.empty() : decomposition;
    iterations = iterations == null ? Optional.empty() : iterations;
    seed = seed == null ? Optional.empty() : seed;
    if (longEdge.isPresent() && longEdge.get() < 0) {
      throw new InputException("--long-edge: must be 0 or positive, got " + longEdge.get());
    }
    if (iterations.isPresent() && iterations.get() < 1) {
      throw new InputException("--iterations: must be at least 1, got " + iterations.get());
    }
  }

  /** Frames and matte with the engine's decomposition settings. */
  public static ClipFiles of(Path source, Optional<Path> matte, Optional<Integer> longEdge,
      Optional<String> decomposition) {
    return new ClipFiles(source, matte, longEdge, decomposition, Optional.empty(), Optional.empty());
  }
}
