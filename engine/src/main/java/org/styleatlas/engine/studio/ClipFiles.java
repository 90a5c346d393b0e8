package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.DecomposeSettings;

/**
 * A clip on disk to prepare: frames or a video, with its matte, and how to decompose it. Empty
 * values take this engine's settings ({@code styleatlas.pipeline.*}, the host's), so by default the
 * CLI prepares what the host looks up.
 *
 * @param source a folder of frames or a video file
 * @param matte a folder of masks or a matte video, when the source has no alpha
 * @param longEdge the working resolution's longer side in pixels (0 keeps the source size)
 * @param decomposition the decomposition preset, {@code fast} or {@code faithful}
 * @param iterations main decomposition steps, ≥ 1 (the preset's otherwise)
 * @param seed seed of the decomposition's initialisation and batches (the preset's otherwise)
 * @param box the object's box x0, y0, x1, y1 (normalised, top-left origin) instead of a matte, as
 *     the plug-in's "Box" matte source
 * @param allowUpscale whether a source shorter than {@code longEdge} is enlarged to it; by default
 *     it is worked at its own size ({@link WorkingSize})
 */
public record ClipFiles(
    Path source,
    Optional<Path> matte,
    Optional<Integer> longEdge,
    Optional<String> decomposition,
    Optional<Integer> iterations,
    Optional<Long> seed,
    Optional<List<Double>> box,
    boolean allowUpscale) {
  public ClipFiles {
    if (source == null) {
      throw new InputException("INPUT: missing; give a folder of frames or a video file");
    }
    matte = matte == null ? Optional.empty() : matte;
    longEdge = longEdge == null ? Optional.empty() : longEdge;
    decomposition = decomposition == null ? Optional.empty() : decomposition;
    iterations = iterations == null ? Optional.empty() : iterations;
    seed = seed == null ? Optional.empty() : seed;
    box = box == null ? Optional.empty() : box.map(List::copyOf);
    if (box.isPresent() && matte.isPresent()) {
      throw new InputException("--box: give either --matte or --box, not both");
    }
    if (longEdge.isPresent() && longEdge.get() < 0) {
      throw new InputException("--long-edge: must be 0 or positive, got " + longEdge.get());
    }
    if (iterations.isPresent() && iterations.get() < 1) {
      throw new InputException("--iterations: must be at least 1, got " + iterations.get());
    }
  }

  /** As the canonical constructor, never enlarging the source. */
  public ClipFiles(
      Path source,
      Optional<Path> matte,
      Optional<Integer> longEdge,
      Optional<String> decomposition,
      Optional<Integer> iterations,
      Optional<Long> seed,
      Optional<List<Double>> box) {
    this(source, matte, longEdge, decomposition, iterations, seed, box, false);
  }

  /** These files, enlarged to the working long edge when {@code allow} (#19.6). */
  public ClipFiles withAllowUpscale(boolean allow) {
    return new ClipFiles(source, matte, longEdge, decomposition, iterations, seed, box, allow);
  }

  /** Frames with a matte or a box, decomposed with a preset's (or the engine's) steps and seed. */
  public static ClipFiles of(
      Path source,
      Optional<Path> matte,
      Optional<Integer> longEdge,
      Optional<String> decomposition,
      Optional<List<Double>> box) {
    return new ClipFiles(
        source, matte, longEdge, decomposition, Optional.empty(), Optional.empty(), box);
  }

  /**
   * The matte settings the plug-in would send for this clip: {@code box}, {@code clip} (matte
   * files) or {@code alpha}.
   */
  DecomposeSettings matteSettings() {
    if (box.isPresent()) {
      return new DecomposeSettings("box", box.get());
    }
    return new DecomposeSettings(matte.isPresent() ? "clip" : "alpha", null);
  }
}
