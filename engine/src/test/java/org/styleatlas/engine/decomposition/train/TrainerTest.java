package org.styleatlas.engine.decomposition.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.atlas.encoding.EncodingConfig;
import org.styleatlas.engine.atlas.field.FieldConfig;
import org.styleatlas.engine.atlas.field.MlpConfig;
import org.styleatlas.engine.atlas.field.NeuralField;
import org.styleatlas.engine.atlas.field.OutputActivation;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.optim.LearningRateSchedule;
import org.styleatlas.engine.optim.ParameterGroup;
import org.styleatlas.engine.optim.TrainingClock;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.DjlRuntime;

/**
 * The loop on a small hash-grid field fitting a 2-D pattern: checkpoint, cancel, resume,
 * determinism.
 */
class TrainerTest {
  private static final int ITERATIONS = 40;
  @TempDir Path dir;

  /** Fits sin(3x)·cos(2y) with fresh random points per step, drawn from (seed, iteration). */
  private static final class FitTask implements TrainingTask {
    final NeuralField field =
        new NeuralField(
            2,
            1,
            new FieldConfig(new EncodingConfig.HashGrid(4, 2, 10, 4, 2), new MlpConfig(1, 16)),
            OutputActivation.TANH);
    final ParameterStore ps;

    FitTask(NDManager m) {
      field.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      ps = new ParameterStore(m, false);
    }

    @Override
    public StepLoss loss(NDManager step, int iteration) {
      SplittableRandom rnd = new SplittableRandom(1000L + iteration);
      float[] xy = new float[256 * 2];
      float[] target = new float[256];
      for (int i = 0; i < 256; i++) {
        xy[i * 2] = (float) (rnd.nextDouble() * 2 - 1);
        xy[i * 2 + 1] = (float) (rnd.nextDouble() * 2 - 1);
        target[i] = (float) (Math.sin(3 * xy[i * 2]) * Math.cos(2 * xy[i * 2 + 1]));
      }
      NDArray pred = field.apply(ps, step.create(xy, new Shape(256, 2)), true);
      NDArray mse = pred.sub(step.create(target, new Shape(256, 1))).square().mean();
      return new StepLoss(mse, List.of(new StepLoss.Term("mse", mse)));
    }

    @Override
    public List<ParameterGroup> parameterGroups() {
      return List.of(
          // Decaying like the fast preset's main phase, so the resume test covers the schedule.
          new ParameterGroup(
              "tables",
              field.tableParameters(),
              LearningRateSchedule.exponentialDecay(1e-2, 0.3, ITERATIONS)),
          new ParameterGroup("mlp", field.mlpParameters(), LearningRateSchedule.constant(1e-2)));
    }

    @Override
    public void saveWeights(DataOutputStream out) throws IOException {
      field.saveParameters(out);
    }

    @Override
    public void loadWeights(NDManager manager, DataInputStream in) throws IOException {
      try {
        field.loadParameters(manager, in);
      } catch (ai.djl.MalformedModelException e) {
        throw new IOException(e);
      }
    }
  }

  private static TrainingResult run(
      Engine engine,
      NDManager m,
      Checkpointer cp,
      Cancellation cancel,
      int cancelAfter,
      LossHistory history) {
    engine.setRandomSeed(7);
    FitTask task = new FitTask(m);
    try (AdamOptimizer adam = new AdamOptimizer(task.parameterGroups(), m, 0.9, 0.99, 1e-15)) {
      Trainer.Builder b =
          Trainer.builder()
              .setEngine(engine)
              .setTask(task)
              .setOptimizer(adam)
              .setIterations(ITERATIONS)
              .optCancellation(cancel)
              .addListener(history, 1);
      if (cp != null) {
        b.optCheckpointer(cp);
      }
      if (cancelAfter > 0) {
        b.addListener(
            s -> {
              if (s.iteration() + 1 == cancelAfter) {
                cancel.cancel();
              }
            },
            1);
      }
      return b.build().run(m);
    }
  }

  @Test
  void resumedRunEndsAtTheSameLossAsAnUninterruptedOne() {
    Engine engine = DjlRuntime.engine();
    try (NDManager m = engine.newBaseManager()) {
      LossHistory straight = new LossHistory();
      TrainingResult a = run(engine, m, null, Cancellation.none(), 0, straight);
      assertEquals(TrainingResult.Stop.FINISHED, a.stop());
      double first = straight.points().get(0).total();
      double last = a.last().orElseThrow().total();
      assertTrue(last < first * 0.5, "loss should fall: " + first + " → " + last);

      Checkpointer cp = new Checkpointer(dir.resolve("ckpt.bin"), "fit", 5);
      TrainingResult cut = run(engine, m, cp, new Cancellation(), 17, new LossHistory());
      assertEquals(TrainingResult.Stop.CANCELLED, cut.stop());
      assertEquals(17, cut.completedIterations());
      LossHistory resumed = new LossHistory();
      TrainingResult b = run(engine, m, cp, Cancellation.none(), 0, resumed);
      assertEquals(TrainingResult.Stop.FINISHED, b.stop());
      assertEquals(17, resumed.points().get(0).iteration(), "resumes after the cancelled step");
      assertEquals(last, b.last().orElseThrow().total(), Math.abs(last) * 1e-4);
    }
  }

  /**
   * #19.5: a truncated checkpoint (a kill or a full disk under an older writer) or one with flipped
   * bytes is reported, moved aside and the run starts afresh and finishes, instead of failing every
   * rerun ("element 0 of tensors does not require grad") or resuming from garbage.
   */
  @Test
  void aTruncatedOrCorruptCheckpointIsSetAsideAndTheRunStartsAfresh() throws IOException {
    Engine engine = DjlRuntime.engine();
    for (String damage : List.of("truncated", "flipped")) {
      Path file = dir.resolve(damage + ".bin");
      try (NDManager m = engine.newBaseManager()) {
        Checkpointer cp = new Checkpointer(file, "fit", 5);
        run(engine, m, cp, new Cancellation(), 17, new LossHistory());
        byte[] b = java.nio.file.Files.readAllBytes(file);
        if (damage.equals("truncated")) {
          b = java.util.Arrays.copyOf(b, b.length / 2);
        } else {
          b[b.length * 3 / 4] ^= 0x10;
        }
        java.nio.file.Files.write(file, b);
        assertEquals(false, cp.resumable(), damage + " checkpoint is not resumable");
        java.nio.file.Files.write(file, b);
        LossHistory afresh = new LossHistory();
        TrainingResult r = run(engine, m, cp, Cancellation.none(), 0, afresh);
        assertEquals(TrainingResult.Stop.FINISHED, r.stop(), damage);
        assertEquals(0, afresh.points().get(0).iteration(), damage + ": starts afresh");
        assertTrue(
            java.nio.file.Files.exists(file.resolveSibling(damage + ".bin.bad")),
            damage + ": set aside");
      }
    }
  }

  /**
   * A time-budgeted run that is stopped and resumed spends the rest of its budget, not a new one:
   * the checkpoint carries the training time, so the schedule that follows the budget continues
   * too.
   */
  @Test
  void resumedBudgetedRunContinuesItsTrainingTime() {
    Engine engine = DjlRuntime.engine();
    try (NDManager m = engine.newBaseManager()) {
      Checkpointer cp = new Checkpointer(dir.resolve("budget.bin"), "budget", 1_000);
      Cancellation cancel = new Cancellation();
      TrainingResult cut =
          budgeted(
              engine,
              m,
              cp,
              cancel,
              new LossHistory(),
              s -> {
                if (s.trainingSeconds() >= 0.1) {
                  cancel.cancel();
                }
              });
      assertEquals(TrainingResult.Stop.CANCELLED, cut.stop());
      LossHistory resumed = new LossHistory();
      TrainingResult rest = budgeted(engine, m, cp, Cancellation.none(), resumed, s -> {});
      assertEquals(TrainingResult.Stop.TIME_BUDGET, rest.stop());
      assertEquals(cut.completedIterations(), resumed.points().get(0).iteration());
      assertTrue(
          resumed.points().get(0).trainingSeconds() > cut.trainingSeconds(),
          "the resumed run counts on from "
              + cut.trainingSeconds()
              + " s, got "
              + resumed.points().get(0).trainingSeconds());
      assertTrue(
          rest.trainingSeconds() >= 0.4, "the whole budget is spent: " + rest.trainingSeconds());
    }
  }

  private static TrainingResult budgeted(
      Engine engine,
      NDManager m,
      Checkpointer cp,
      Cancellation cancel,
      LossHistory history,
      TrainingListener listener) {
    FitTask task = new FitTask(m);
    try (AdamOptimizer adam = new AdamOptimizer(task.parameterGroups(), m, 0.9, 0.99, 1e-15)) {
      return Trainer.builder()
          .setEngine(engine)
          .setTask(task)
          .setOptimizer(adam)
          .setIterations(1_000_000)
          .optTimeBudget(java.time.Duration.ofMillis(400))
          .optCheckpointer(cp)
          .optCancellation(cancel)
          .addListener(history, 1)
          .addListener(listener, 1)
          .build()
          .run(m);
    }
  }

  /**
   * PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread that
   * loaded the engine. The host trains on its own trainer thread, so the loop must not depend on
   * it: with grad mode on, Adam's in-place update of a leaf weight fails.
   */
  @Test
  void trainsOnAThreadWhoseGradModeIsOn() throws Exception {
    Engine engine = DjlRuntime.engine();
    java.util.concurrent.CompletableFuture<TrainingResult> result =
        new java.util.concurrent.CompletableFuture<>();
    Thread other =
        new Thread(
            () -> {
              ai.djl.pytorch.jni.JniUtils.setGradMode(true);
              try (NDManager m = engine.newBaseManager()) {
                result.complete(run(engine, m, null, Cancellation.none(), 0, new LossHistory()));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "not-the-engine-thread");
    other.start();
    assertEquals(
        TrainingResult.Stop.FINISHED,
        result.get(120, java.util.concurrent.TimeUnit.SECONDS).stop());
  }

  /**
   * A budget on the training thread's CPU clock stops the run once that much CPU time went into
   * steps; that time can never exceed the elapsed wall time of the single-threaded loop.
   */
  @Test
  void aThreadCpuBudgetStopsTheRun() {
    Engine engine = DjlRuntime.engine();
    try (NDManager m = engine.newBaseManager()) {
      FitTask task = new FitTask(m);
      try (AdamOptimizer adam = new AdamOptimizer(task.parameterGroups(), m, 0.9, 0.99, 1e-15)) {
        long start = System.nanoTime();
        TrainingResult r =
            Trainer.builder()
                .setEngine(engine)
                .setTask(task)
                .setOptimizer(adam)
                .setIterations(1_000_000)
                .optTimeBudget(java.time.Duration.ofMillis(300))
                .optClock(TrainingClock.THREAD_CPU)
                .build()
                .run(m);
        double wall = (System.nanoTime() - start) / 1e9;
        assertEquals(TrainingResult.Stop.TIME_BUDGET, r.stop());
        assertTrue(
            r.trainingSeconds() >= 0.3 && r.trainingSeconds() <= wall,
            "CPU seconds " + r.trainingSeconds() + ", wall " + wall);
      }
    }
  }
}
