package org.styleatlas.engine.decomposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.Mode;
import org.styleatlas.engine.decomposition.config.PixelSampling;
import org.styleatlas.engine.decomposition.train.TrainingTask;
import org.styleatlas.engine.flow.DisFlowEstimator;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.synthetic.SyntheticClipGenerator;
import org.styleatlas.engine.synthetic.SyntheticClipSpec;
import org.styleatlas.engine.video.Clip;

/**
 * A garbage collection between forward and backward does not change the gradients. DJL's {@code
 * mul(Number)} builds its scalar over a Java direct buffer and closes it before backward reads it;
 * after a GC, and with the freed memory reused, the gradients were garbage (one parameter's
 * gradient off by ~1e31) and runs under load stopped being reproducible. {@code runtime.Scalars}
 * keeps every such scalar in torch-owned memory for the whole step.
 */
class GcStabilityTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void gradientsSurviveAGarbageCollectionBeforeBackward(Mode mode) throws InterruptedException {
    // uniform batches: the task computes iteration 0 twice, and error sampling would draw the
    // second batch
    // from the error map the first one updated
    DecompositionConfig config =
        TestConfigs.tiny(
                mode == Mode.FAST ? DecompositionConfig.fast() : DecompositionConfig.faithful(), 4)
            .withSampling(PixelSampling.uniform());
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
      float[] quiet = gradients(engine, manager, task, false);
      float[] collected = gradients(engine, manager, task, true);
      assertArrayEquals(
          quiet, collected, "gradients of one step, without and with a GC before backward");
    }
  }

  /**
   * All parameter gradients of iteration 0, concatenated; optionally with a GC and memory churn
   * before backward.
   */
  private static float[] gradients(
      Engine engine, NDManager manager, TrainingTask task, boolean churn)
      throws InterruptedException {
    List<float[]> parts = new ArrayList<>();
    try (NDManager step = manager.newSubManager();
        GradientCollector gc = engine.newGradientCollector()) {
      var loss = task.loss(step, 0);
      if (churn) {
        churnNativeMemory();
      }
      gc.backward(loss.total());
      task.parameterGroups()
          .forEach(
              g ->
                  g.parameters()
                      .forEach(
                          p -> {
                            parts.add(p.getArray().getGradient().toFloatArray());
                            p.getArray().getGradient().subi(p.getArray().getGradient());
                          }));
    }
    int n = parts.stream().mapToInt(a -> a.length).sum();
    float[] all = new float[n];
    int at = 0;
    for (float[] a : parts) {
      System.arraycopy(a, 0, all, at, a.length);
      at += a.length;
    }
    return all;
  }

  /**
   * Frees unreachable direct buffers and refills small native blocks with 1e30, as a busy JVM
   * would.
   */
  private static void churnNativeMemory() throws InterruptedException {
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(50);
      List<ByteBuffer> filler = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + i % 4)).order(ByteOrder.nativeOrder());
        while (b.hasRemaining()) {
          b.putFloat(1e30f);
        }
        filler.add(b);
      }
    }
  }
}
