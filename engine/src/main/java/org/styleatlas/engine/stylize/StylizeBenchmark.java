package org.styleatlas.engine.stylize;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.clip.ClipModel;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;

/**
 * Fine-tuning iterations per second with a TorchScript CLIP file, on the demo clip's exact decomposition
 * at a given working size, with a preset's views. Prints the median of several runs.
 *
 * <p>Usage: {@code StylizeBenchmark MODEL.pt [WIDTH HEIGHT [ITERATIONS [RUNS [PRESET]]]]}, default
 * 384 216 5 3 draft.
 */
public final class StylizeBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(StylizeBenchmark.class);

  private StylizeBenchmark() {}

  public static void main(String[] args) {
    Path model = Path.of(args[0]);
    int w = args.length > 2 ? Integer.parseInt(args[1]) : 384;
    int h = args.length > 2 ? Integer.parseInt(args[2]) : 216;
    int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    StylizeConfig.Preset preset = StylizeConfig.Preset.parse(args.length > 5 ? args[5] : "draft");
    SyntheticScene scene = new SyntheticScene(
        SyntheticClipGenerator.generate(SyntheticClipSpec.embeddedDefault().resized(w, h, 48)), Scenes.DEMO_ATLAS_SIZE);
    StylizeConfig config = StylizeConfig.preset(preset).withAtlasMode(AtlasMode.FAST);
    config = config.withSchedule(config.schedule().withIterations(iterations));
    double[] rates = new double[runs];
    try (ClipModel clip = ClipModel.load(model, Device.cpu())) {
      for (int r = 0; r < runs; r++) {
        StylizationResult result = new EditingAtlasTrainer(config.withSchedule(config.schedule().withSeed(r)))
            .run(scene, clip, StyleTarget.text("a swan made of gold"), ProgressSink.NONE, () -> false);
        rates[r] = result.iterationsPerSecond();
      }
    }
    Arrays.sort(rates);
    LOG.info("stylize {}x{} {} preset ({} global + {} local views at {} px, {} frames), model {}: median {} it/s"
        + " over {} runs of {} iterations (min {}, max {})", w, h, preset, config.views().globalViews(),
        config.views().localViews(), config.views().resolution(), config.schedule().framesPerIteration(),
        model.getFileName(), String.format("%.3f", rates[runs / 2]), runs, iterations,
        String.format("%.3f", rates[0]), String.format("%.3f", rates[runs - 1]));
  }
}
