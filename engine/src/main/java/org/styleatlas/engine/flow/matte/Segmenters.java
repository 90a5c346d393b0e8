package org.styleatlas.engine.flow.matte;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.clipmodel.ModelStore;

/**
 * Chooses the box matte's segmenter: the first learned one a {@link SegmenterProvider} finds a
 * model file for in the models folder, else {@link GrabCutTracker}, which needs no model.
 */
public final class Segmenters {
  private static final Logger LOG = LoggerFactory.getLogger(Segmenters.class);

  private Segmenters() {}

  /** The segmenter for the user's model store ({@code STYLEATLAS_MODELS_DIR}, as CLIP models). */
  public static ObjectSegmenter installed() {
    return choose(Optional.of(ModelStore.fromEnvironment().dir()));
  }

  /**
   * @param modelsDir where the user's model files are; empty: no learned segmenter is looked for
   */
  public static ObjectSegmenter choose(Optional<Path> modelsDir) {
    if (modelsDir.isPresent()) {
      for (SegmenterProvider p : ServiceLoader.load(SegmenterProvider.class)) {
        Optional<ObjectSegmenter> s = p.load(modelsDir.get());
        if (s.isPresent()) {
          LOG.info("box matte: learned segmenter {}", s.get().name());
          return s.get();
        }
      }
    }
    return new GrabCutTracker(TrackerConfig.defaults());
  }
}
