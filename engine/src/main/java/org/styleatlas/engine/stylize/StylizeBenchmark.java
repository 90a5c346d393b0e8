package org.styleatlas.engine.stylize;

import ai.djl.Device;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.runtime.RunStats;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.stylize.scene.SyntheticScene;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * Fine-tuning iterations per second with a TorchScript CLIP file. {@link #measure} runs on any
 * scene (the CLI's {@code styleatlas bench stylize} uses a decomposed DAVIS clip); {@link #main} on
 * the demo clip's exact decomposition at a given working size, fast editing atlas, a preset's
 * views.
 *
 * <p>Usage: {@code StylizeBenchmark MODEL.pt [WIDTH HEIGHT [ITERATIONS [RUNS [PRESET]]]]}, default
 * 384 216 5 3 draft.
 */
public final class StylizeBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(StylizeBenchmark.class);
  private static final StyleTarget TARGET = StyleTarget.text("a swan made of gold");

  private StylizeBenchmark() {}

  /**
   * Iterations per second of {@code runs} runs of {@code config} (seeds 0, 1, ...), after one
   * untimed one-iteration warm-up run. Each run's rate covers its iterations only, not encoding the
   * targets.
   */
  public static RunStats measure(
      EditableScene scene, ClipModel clip, StylizeConfig config, int runs) {
    new EditingAtlasTrainer(config.withSchedule(config.schedule().withIterations(1)))
        .run(scene, clip, TARGET, ProgressSink.NONE, () -> false);
    double[] rates = new double[runs];
    for (int r = 0; r < runs; r++) {
      rates[r] =
          new EditingAtlasTrainer(config.withSchedule(config.schedule().withSeed(r)))
              .run(scene, clip, TARGET, ProgressSink.NONE, () -> false)
              .iterationsPerSecond();
    }
    return RunStats.of(rates);
  }

  public static void main(String[] args) {
    Path model = Path.of(args[0]);
    int w = args.length > 2 ? Integer.parseInt(args[1]) : 384;
    int h = args.length > 2 ? Integer.parseInt(args[2]) : 216;
    int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    StylizeConfig.Preset preset = StylizeConfig.Preset.parse(args.length > 5 ? args[5] : "draft");
    SyntheticScene scene =
        new SyntheticScene(
            SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(w, h, 48)),
            Scenes.DEMO_ATLAS_SIZE);
    StylizeConfig config = StylizeConfig.preset(preset).withAtlasMode(AtlasMode.FAST);
    config = config.withSchedule(config.schedule().withIterations(iterations));
    try (ClipModel clip = ClipModel.load(model, Device.cpu())) {
      RunStats rates = measure(scene, clip, config, runs);
      LOG.info(
          "stylize {}x{} {} preset ({} global + {} local views at {} px, {} frames), model {}: {} it/s over {}"
              + " runs of {} iterations",
          w,
          h,
          preset,
          config.views().globalViews(),
          config.views().localViews(),
          config.views().resolution(),
          config.schedule().framesPerIteration(),
          model.getFileName(),
          rates.format(3),
          runs,
          iterations);
    }
  }
}
