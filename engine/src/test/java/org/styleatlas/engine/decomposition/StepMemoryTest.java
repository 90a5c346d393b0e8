package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.train.Trainer;
import org.styleatlas.engine.flow.DisFlowEstimator;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;

/**
 * Training steps free everything they allocate: after a few steps of each preset, the manager that
 * holds the model and the optimiser holds exactly as many arrays as after the first. A step that
 * leaves an array there also keeps that step's autograd graph alive (the decomposition benchmark
 * once grew by ~150 MB per step at 384x216).
 */
class StepMemoryTest {

  @Test
  void fastStepsLeaveNothingBehind() {
    assertStepsLeaveNothingBehind(TestConfigs.tiny(DecompositionConfig.fast(), 4));
  }

  @Test
  void faithfulStepsLeaveNothingBehind() {
    assertStepsLeaveNothingBehind(TestConfigs.tiny(DecompositionConfig.faithful(), 4));
  }

  private static void assertStepsLeaveNothingBehind(DecompositionConfig config) {
    Clip clip =
        SyntheticClipGenerator.generate(
                SyntheticClipSpec.embeddedDefault().resized(32, 18, 3).rigid())
            .clip();
    TrainingData data =
        TrainingData.of(clip, DisFlowEstimator.estimate(clip, config.flow(), ProgressSink.NONE));
    Engine engine = DjlRuntime.engine();
    try (NDManager manager = engine.newBaseManager()) {
      LayeredAtlasModel model = LayeredAtlasModel.create(config.model(), manager);
      DecompositionTask task = new DecompositionTask(model, data, config, manager);
      try (var adam = ParameterGroups.adam(task.parameterGroups(), manager, config.optimizer())) {
        int[] counts = new int[3];
        for (int i = 0; i < counts.length; i++) {
          Trainer.builder()
              .setEngine(engine)
              .setTask(task)
              .setOptimizer(adam)
              .setIterations(i + 1)
              .build()
              .run(manager);
          counts[i] = manager.getManagedArrays().size();
        }
        assertEquals(
            List.of(counts[0], counts[0]),
            List.of(counts[1], counts[2]),
            "arrays held after 1, 2, 3 steps");
      }
    }
  }
}
