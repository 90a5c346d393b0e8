package org.styleatlas.engine.flow.matte;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A learned segmenter that a model file makes available (a video object segmentation network the
 * user installs, as CLIP models are installed). Implementations register through {@link
 * java.util.ServiceLoader} ({@code
 * META-INF/services/org.styleatlas.engine.flow.matte.SegmenterProvider}) and are asked in turn by
 * {@link Segmenters}; none ships today, so the box matte is {@link GrabCutTracker}'s.
 */
public interface SegmenterProvider {

  /**
   * The segmenter of a model file in {@code modelsDir}, or empty when no file of this provider's
   * kind is there.
   *
   * @throws org.styleatlas.engine.InputException when a model file is there but unreadable
   */
  Optional<ObjectSegmenter> load(Path modelsDir);
}
