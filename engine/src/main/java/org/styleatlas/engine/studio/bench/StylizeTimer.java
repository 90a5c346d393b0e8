package org.styleatlas.engine.studio.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.clipmodel.ClipModels;
import org.styleatlas.engine.runtime.RunStats;
import org.styleatlas.engine.stylize.StylizeBenchmark;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.scene.EditableScene;

/**
 * Times fine-tuning iterations on one clip with one CLIP model, kept open across presets ({@code
 * styleatlas bench stylize}).
 */
public final class StylizeTimer implements AutoCloseable {
  private final EditableScene scene;
  private final ClipModel model;

  private StylizeTimer(EditableScene scene, ClipModel model) {
    this.scene = scene;
    this.model = model;
  }

  static StylizeTimer open(EditableScene scene, Path model) {
    if (!Files.isRegularFile(model)) {
      throw InputException.of(model, "no such CLIP model file");
    }
    return new StylizeTimer(scene, ClipModels.openOnCpu(model));
  }

  /**
   * Iterations per second of {@code preset} cut to {@code iterations} timed iterations, over {@code
   * runs} runs after one untimed warm-up ({@link StylizeBenchmark#measure}).
   */
  public StylizeRate measure(String preset, int iterations, int runs) {
    StylizeConfig config = StylizeConfig.preset(StylizeConfig.Preset.parse(preset));
    config = config.withSchedule(config.schedule().withIterations(iterations));
    RunStats rates = StylizeBenchmark.measure(scene, model, config, runs);
    return new StylizeRate(
        config.atlasMode().name().toLowerCase(Locale.ROOT),
        config.views().globalViews(),
        config.views().localViews(),
        config.views().resolution(),
        rates);
  }

  @Override
  public void close() {
    model.close();
  }
}
