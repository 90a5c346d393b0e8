package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.optim.LearningRateSchedule;
import org.styleatlas.engine.optim.ParameterGroup;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.StructureLoss;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.SyntheticScene;

class StylizeCheckpointTest {
  private static final SyntheticScene SCENE = FaithfulAndCacheTest.SCENE;
  private static final String KEY = "run-a";

  /** A fast editing atlas with its Adam optimiser, after {@code steps} updates towards white. */
  private static final class Trained implements AutoCloseable {
    final NDManager manager = DjlRuntime.engine().newBaseManager();
    final EditingAtlas atlas = SCENE.editingAtlas(manager, AtlasMode.FAST);
    final AdamOptimizer adam;

    Trained(int steps) {
      List<Parameter> params = new ArrayList<>();
      for (Pair<String, NDArray> p : atlas.trainable()) {
        params.add(
            Parameter.builder()
                .setName(p.getKey())
                .setType(Parameter.Type.OTHER)
                .optArray(p.getValue())
                .build());
      }
      adam =
          new AdamOptimizer(
              List.of(new ParameterGroup("fg", params, LearningRateSchedule.constant(0.05))),
              manager,
              0.9,
              0.999,
              1e-8);
      for (int s = 0; s < steps; s++) {
        try (NDManager step = manager.newSubManager();
            GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
          NDArray uv = step.randomUniform(-1, 1, new Shape(64, 2));
          gc.backward(atlas.colours(uv).sum().neg());
        }
        adam.step(s);
      }
    }

    List<float[]> weights() {
      List<float[]> out = new ArrayList<>();
      atlas.trainable().forEach(p -> out.add(p.getValue().toFloatArray()));
      return out;
    }

    byte[] adamState() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      adam.save(new DataOutputStream(bytes));
      return bytes.toByteArray();
    }

    @Override
    public void close() {
      adam.close();
      atlas.close();
      manager.close();
    }
  }

  private static StylizeCheckpoint.State state() {
    return new StylizeCheckpoint.State(
        3,
        List.of(
            new LossValues(0, 0.9, 0.8, 0.01, 0.2, 0, 1.7, 1e-4),
            new LossValues(1, 0.85, 0.75, 0.02, 0.21, 0, 1.6, 1e-4),
            new LossValues(2, 0.8, 0.7, 0, 0.22, 0, 1.5, 1e-4)),
        12.5);
  }

  @Test
  void aSavedCheckpointRestoresWeightsAdamStateAndHistory(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    try (Trained saved = new Trained(3);
        Trained fresh = new Trained(0)) {
      new StylizeCheckpoint(file, KEY).save(state(), List.of(saved.atlas), saved.adam);
      Optional<StylizeCheckpoint.State> restored =
          new StylizeCheckpoint(file, KEY).restore(List.of(fresh.atlas), fresh.adam);
      assertEquals(Optional.of(state()), restored);
      List<float[]> expected = saved.weights();
      List<float[]> actual = fresh.weights();
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i), 0f, "weights of level " + i);
      }
      assertArrayEquals(saved.adamState(), fresh.adamState(), "Adam's step count and moments");
      assertEquals(3, fresh.adam.steps());
    }
  }

  @Test
  void aCheckpointOfAnotherRunIsRefusedWithAWarning(@TempDir Path dir) throws IOException {
    assertRefused(dir, file -> {}, "other-run", "another run");
  }

  @Test
  void aCorruptCheckpointIsRefusedWithAWarning(@TempDir Path dir) throws IOException {
    assertRefused(dir, file -> rewrite(file, b -> b[b.length / 2] ^= 0x40), KEY, "bad checksum");
  }

  @Test
  void aTruncatedCheckpointIsRefusedWithAWarning(@TempDir Path dir) throws IOException {
    assertRefused(dir, file -> rewrite(file, b -> {}, 100), KEY, "truncated");
  }

  /** Saves a checkpoint, damages it, and restores with {@code key}: nothing restored, one WARN. */
  private static void assertRefused(Path dir, Consumer<Path> damage, String key, String reason)
      throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    Logger log = (Logger) LoggerFactory.getLogger("org.styleatlas.engine");
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    try (Trained saved = new Trained(2);
        Trained fresh = new Trained(0)) {
      new StylizeCheckpoint(file, KEY).save(state(), List.of(saved.atlas), saved.adam);
      damage.accept(file);
      List<float[]> before = fresh.weights();
      byte[] adamBefore = fresh.adamState();
      assertEquals(
          Optional.empty(),
          new StylizeCheckpoint(file, key).restore(List.of(fresh.atlas), fresh.adam));
      for (int i = 0; i < before.size(); i++) {
        assertArrayEquals(before.get(i), fresh.weights().get(i), 0f, "weights untouched");
      }
      assertArrayEquals(adamBefore, fresh.adamState(), "optimiser untouched");
    } finally {
      log.detachAppender(events);
    }
    List<ILoggingEvent> warnings =
        events.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    assertEquals(1, warnings.size(), "one warning: " + events.list);
    String message = warnings.get(0).getFormattedMessage();
    assertTrue(message.contains(file.toString()) && message.contains(reason), message);
    boolean bad = !key.equals("other-run");
    assertEquals(
        bad,
        Files.exists(file.resolveSibling(file.getFileName() + ".bad")),
        "a bad checkpoint is set aside");
    assertEquals(!bad, Files.exists(file), "a bad checkpoint is no longer where runs look for it");
  }

  private static void rewrite(Path file, Consumer<byte[]> edit) {
    rewrite(file, edit, -1);
  }

  private static void rewrite(Path file, Consumer<byte[]> edit, int keep) {
    try {
      byte[] b = Files.readAllBytes(file);
      edit.accept(b);
      Files.write(file, keep < 0 ? b : java.util.Arrays.copyOf(b, keep));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Through the chunked two-stage backward (chunks of 1000 points), as the faithful presets run.
   */
  @Test
  void aCancelledRunResumesToTheSameResultAsAnUninterruptedOne(@TempDir Path dir) {
    StylizeConfig cfg = EditingAtlasTrainerTest.tiny(6);
    Optional<StructureLoss> none = Optional.empty();
    Path file = dir.resolve("work").resolve("checkpoint.bin");
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      StyleTarget red = StyleTarget.text("red");
      StylizationResult straight =
          new EditingAtlasTrainer(cfg, none, 1000)
              .run(SCENE, toy, red, ProgressSink.NONE, () -> false);
      AtomicInteger polls = new AtomicInteger();
      CancellationException e =
          assertThrows(
              CancellationException.class,
              () ->
                  new EditingAtlasTrainer(cfg, none, 1000)
                      .run(
                          SCENE,
                          toy,
                          red,
                          ProgressSink.NONE,
                          () -> polls.incrementAndGet() > 4,
                          Optional.of(file)));
      assertTrue(
          e.getMessage().contains("iteration 4") && e.getMessage().contains(file.toString()),
          e.getMessage());
      assertTrue(Files.exists(file), "the checkpoint is kept");
      StylizationResult resumed =
          new EditingAtlasTrainer(cfg, none, 1000)
              .run(SCENE, toy, red, ProgressSink.NONE, () -> false, Optional.of(file));
      assertFalse(Files.exists(file), "deleted on completion");
      assertEquals(straight.history().size(), resumed.history().size());
      for (int i = 0; i < straight.history().size(); i++) {
        assertEquals(
            straight.history().get(i).total(), resumed.history().get(i).total(), 1e-6, "loss " + i);
      }
      assertArrayEquals(
          straight.foreground().rgb(), resumed.foreground().rgb(), 1e-5f, "stylized atlas");
    }
  }

  /**
   * PyTorch's grad mode is on in every thread but the one that loaded the engine (the host trains
   * on its own thread): a faithful run there is cancelled, checkpointed and resumed all the same.
   */
  @Test
  void aRunOnAThreadOtherThanTheEnginesTrainsAndResumes(@TempDir Path dir) throws Exception {
    DjlRuntime.engine();
    StylizeConfig cfg = EditingAtlasTrainerTest.tiny(4).withAtlasMode(AtlasMode.FAITHFUL);
    Path file = dir.resolve("checkpoint.bin");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<StylizationResult> results = new ArrayList<>();
    AtomicInteger resumedSteps = new AtomicInteger();
    Thread trainer =
        new Thread(
            () -> {
              FaithfulAndCacheTest.MlpScene scene = new FaithfulAndCacheTest.MlpScene();
              try (ToyColourEncoder toy = new ToyColourEncoder()) {
                AtomicInteger polls = new AtomicInteger();
                assertThrows(
                    CancellationException.class,
                    () ->
                        new EditingAtlasTrainer(cfg, Optional.empty(), 1000)
                            .run(
                                scene,
                                toy,
                                StyleTarget.text("red"),
                                ProgressSink.NONE,
                                () -> polls.incrementAndGet() > 2,
                                Optional.of(file)));
                results.add(
                    new EditingAtlasTrainer(cfg, Optional.empty(), 1000)
                        .run(
                            scene,
                            toy,
                            StyleTarget.text("red"),
                            (task, done, total, detail) -> resumedSteps.incrementAndGet(),
                            () -> false,
                            Optional.of(file)));
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "not-the-engine-thread");
    trainer.start();
    trainer.join();
    if (failure.get() != null) {
      throw new AssertionError("training on another thread failed", failure.get());
    }
    assertEquals(2, resumedSteps.get(), "resumed at iteration 2: two iterations left");
    assertEquals(
        List.of(0, 1, 2, 3), results.get(0).history().stream().map(LossValues::iteration).toList());
    assertTrue(results.get(0).history().stream().allMatch(v -> Double.isFinite(v.total())));
  }

  @Test
  void aLongRunCheckpointsEvery25IterationsAndAnotherTargetDoesNotResumeIt(@TempDir Path dir) {
    StylizeConfig cfg = EditingAtlasTrainerTest.tiny(StylizeCheckpoint.EVERY + 2);
    Path file = dir.resolve("checkpoint.bin");
    List<Long> seen = new ArrayList<>();
    ProgressSink watch =
        (task, done, total, detail) -> {
          if (Files.exists(file)) {
            seen.add(done);
          }
        };
    try (ToyColourEncoder toy = new ToyColourEncoder()) {
      assertThrows(
          CancellationException.class,
          () ->
              new EditingAtlasTrainer(cfg)
                  .run(
                      SCENE,
                      toy,
                      StyleTarget.text("red"),
                      watch,
                      () -> seen.size() > 0,
                      Optional.of(file)));
      assertEquals(
          List.of((long) StylizeCheckpoint.EVERY + 1), seen, "first written before iteration 25");
      StylizationResult blue =
          new EditingAtlasTrainer(cfg)
              .run(
                  SCENE,
                  toy,
                  StyleTarget.text("blue"),
                  ProgressSink.NONE,
                  () -> false,
                  Optional.of(file));
      assertEquals(0, blue.history().get(0).iteration(), "another target starts at 0");
      assertEquals(cfg.schedule().iterations(), blue.history().size());
    }
  }
}
