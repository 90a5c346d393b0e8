package org.styleatlas.engine.stylize;

import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.AtlasTexture;
import org.styleatlas.engine.stylize.loss.LossValues;

/**
 * The outcome of fine-tuning: the discretized stylized atlases and the loss history.
 *
 * @param foreground the stylized foreground atlas, at the size of the decomposition's foreground
 *     atlas
 * @param background the stylized background atlas, when background stylization was on
 * @param history the objective of every iteration
 * @param seconds wall-clock seconds of the optimisation (without encoding the targets), summed over
 *     the sessions of a run resumed from a {@link StylizeCheckpoint}
 */
public record StylizationResult(
    AtlasTexture foreground,
    Optional<AtlasTexture> background,
    List<LossValues> history,
    double seconds) {

  public StylizationResult {
    history = List.copyOf(history);
  }

  /** The scene's atlases with the stylized ones in place. */
  public AtlasSet applyTo(AtlasSet original) {
    return new AtlasSet(
        original.foreground(), foreground, background.orElse(original.background()));
  }

  /** Iterations per second. */
  public double iterationsPerSecond() {
    return seconds > 0 ? history.size() / seconds : 0;
  }
}
