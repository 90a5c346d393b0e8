package org.styleatlas.engine.stylize;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.clipmodel.ImageTextEncoder;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.optim.LearningRateSchedule;
import org.styleatlas.engine.optim.ParameterGroup;
import org.styleatlas.engine.render.FrameLayerMaps;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.GradModeOff;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.StructureLoss;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;
import org.styleatlas.engine.stylize.loss.TargetEmbeddings;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.view.ViewBatch;
import org.styleatlas.engine.stylize.view.ViewSampler;
import org.styleatlas.engine.stylize.view.ViewSpec;

/**
 * The paper's fine-tuning of the editing atlas (§3.3, Fig. 3): each iteration samples frames
 * uniformly, renders augmented global and local views of each directly from the cached maps through
 * the trainable atlas A (everything else frozen), encodes them with CLIP, and takes one Adam step
 * on Eq. 6. Every step runs in its own sub-manager, and the atlas graph is built in chunks ({@link
 * AtlasPass}), so native memory stays flat and does not grow with the views' size. Each iteration
 * draws from its own random stream ({@link #iterationRandom}), so a run resumed from a {@link
 * StylizeCheckpoint} samples what an uninterrupted one does.
 */
public final class EditingAtlasTrainer {
  /** Progress task name. */
  public static final String TASK = "stylize";

  private static final Logger LOG = LoggerFactory.getLogger(EditingAtlasTrainer.class);
  private static final int LOG_EVERY = 50;

  /**
   * DJL's Adam defaults, which the trainer used before it switched to the checkpointable optimiser.
   */
  private static final double ADAM_BETA1 = 0.9;

  private static final double ADAM_BETA2 = 0.999;
  private static final double ADAM_EPSILON = 1e-8;

  private final StylizeConfig config;
  private final StepObjective objective;
  private final AtlasPass pass;

  /**
   * @param config the run's configuration
   * @param structureLoss the optional structure term; required when the config enables it
   */
  public EditingAtlasTrainer(StylizeConfig config, Optional<StructureLoss> structureLoss) {
    this(config, structureLoss, AtlasPass.ATLAS_CHUNKS);
  }

  /**
   * With chunks of at most {@code maxChunk} atlas points (tests use small ones to exercise
   * chunking).
   */
  EditingAtlasTrainer(StylizeConfig config, Optional<StructureLoss> structureLoss, int maxChunk) {
    this.config = config;
    this.objective = new StepObjective(config, structureLoss);
    this.pass = new AtlasPass(DjlRuntime.engine(), maxChunk);
    if (config.losses().enabled(StylizeLossTerm.STRUCTURE) && structureLoss.isEmpty()) {
      throw new IllegalArgumentException(
          "the structure term is on but no CLIP model with image tokens was given");
    }
  }

  public EditingAtlasTrainer(StylizeConfig config) {
    this(config, Optional.empty());
  }

  /**
   * {@link #run(EditableScene, ImageTextEncoder, StyleTarget, ProgressSink, BooleanSupplier,
   * Optional)} without a checkpoint.
   */
  public StylizationResult run(
      EditableScene scene,
      ImageTextEncoder encoder,
      StyleTarget target,
      ProgressSink progress,
      BooleanSupplier cancelled) {
    return run(scene, encoder, target, progress, cancelled, Optional.empty());
  }

  /**
   * Fine-tunes a fresh copy of the scene's foreground atlas (and background atlas, when
   * configured).
   *
   * @param scene the decomposed clip; never modified
   * @param encoder the CLIP model (or a test encoder)
   * @param target prompts and/or a style image
   * @param progress receives one update per iteration
   * @param cancelled polled once per iteration; when true the run writes its checkpoint (if any)
   *     and stops with a {@link CancellationException}
   * @param checkpoint where the run's {@link StylizeCheckpoint} lives: resumed from when it belongs
   *     to this run, written every {@link StylizeCheckpoint#EVERY} iterations and on cancellation,
   *     deleted on completion
   * @throws UncheckedIOException when a checkpoint cannot be written
   */
  public StylizationResult run(
      EditableScene scene,
      ImageTextEncoder encoder,
      StyleTarget target,
      ProgressSink progress,
      BooleanSupplier cancelled,
      Optional<Path> checkpoint) {
    Engine engine = DjlRuntime.engine();
    StylizeSchedule schedule = config.schedule();
    ViewSampler sampler = new ViewSampler(config.views());
    WorkingFrames frames = new WorkingFrames(scene);
    Optional<StylizeCheckpoint> saver =
        checkpoint.map(
            p -> new StylizeCheckpoint(p, StylizeCheckpoint.key(scene, encoder, config, target)));
    try (GradModeOff noGrad = new GradModeOff();
        NDManager manager = engine.newBaseManager();
        EditingAtlas atlas = scene.editingAtlas(manager, config.atlasMode());
        EditingAtlas background =
            config.stylizeBackground() ? scene.backgroundAtlas(manager, config.atlasMode()) : null;
        AdamOptimizer adam = adam(manager, atlas, background)) {
      List<EditingAtlas> atlases = background == null ? List.of(atlas) : List.of(atlas, background);
      TargetEmbeddings targets =
          TargetEmbeddings.encode(
              manager,
              encoder,
              target,
              config.prefixes(),
              config.views().localScale(),
              schedule.seed());
      StylizeCheckpoint.State resumed =
          saver.isEmpty()
              ? new StylizeCheckpoint.State(0, List.of(), 0)
              : saver
                  .get()
                  .restore(atlases, adam)
                  .orElse(new StylizeCheckpoint.State(0, List.of(), 0));
      List<LossValues> history = new ArrayList<>(resumed.history());
      long start = System.nanoTime();
      for (int it = resumed.nextIteration(); it < schedule.iterations(); it++) {
        double seconds = resumed.seconds() + (System.nanoTime() - start) / 1e9;
        if (cancelled.getAsBoolean()) {
          throw cancel(
              saver,
              it,
              it > resumed.nextIteration(),
              new StylizeCheckpoint.State(it, history, seconds),
              atlases,
              adam);
        }
        if (saver.isPresent()
            && it > resumed.nextIteration()
            && it % StylizeCheckpoint.EVERY == 0) {
          save(saver.get(), new StylizeCheckpoint.State(it, history, seconds), atlases, adam);
        }
        SplittableRandom rnd = iterationRandom(schedule.seed(), it);
        int[] batchFrames = sampleFrames(scene.frameCount(), schedule.framesPerIteration(), rnd);
        List<ViewSpec> views = new ArrayList<>();
        for (int t : batchFrames) {
          FrameLayerMaps m = frames.maps(t);
          views.addAll(sampler.sample(t, m.alpha(), m.width(), m.height(), rnd));
        }
        long t0 = System.nanoTime();
        ViewBatch batch = ViewBatch.of(views, config.views().resolution(), frames);
        long t1 = System.nanoTime();
        LossValues values;
        try (NDManager step = manager.newSubManager()) {
          StepObjective.Inputs in =
              new StepObjective.Inputs(encoder, batch, batchFrames, targets.pick(step, rnd));
          List<AtlasPass.Layer> layers =
              background == null
                  ? List.of(new AtlasPass.Layer(atlas, batch.uv()))
                  : List.of(
                      new AtlasPass.Layer(atlas, batch.uv()),
                      new AtlasPass.Layer(background, batch.backgroundUv()));
          StepObjective.Value value =
              pass.run(
                  step,
                  layers,
                  (m, colours) ->
                      objective.evaluate(
                          m, in, colours.get(0), colours.size() > 1 ? colours.get(1) : null));
          if (value.differentiable()) {
            adam.step(it);
          }
          values = value.values(it, schedule.learningRateAt(it));
        }
        if (LOG.isDebugEnabled()) {
          LOG.debug(
              "iteration {}: views {} ms, step {} ms",
              it,
              (t1 - t0) / 1_000_000,
              (System.nanoTime() - t1) / 1_000_000);
        }
        history.add(values);
        progress.update(
            TASK, it + 1, schedule.iterations(), String.format("loss %.4f", values.total()));
        if (it % LOG_EVERY == 0 || it == schedule.iterations() - 1) {
          LOG.info("iteration {}: {}", it, values);
        }
      }
      double seconds = resumed.seconds() + (System.nanoTime() - start) / 1e9;
      Optional<org.styleatlas.engine.render.AtlasTexture> bg =
          background == null
              ? Optional.empty()
              : Optional.of(background.discretize(scene.atlases().background()));
      StylizationResult result =
          new StylizationResult(
              atlas.discretize(scene.atlases().foreground()), bg, history, seconds);
      if (saver.isPresent()) {
        saver.get().delete();
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("stylize checkpoint: " + e.getMessage(), e);
    }
  }

  /** Adam over the trainable arrays of the atlases, with the schedule's step decay. */
  private AdamOptimizer adam(NDManager manager, EditingAtlas atlas, EditingAtlas background) {
    StylizeSchedule s = config.schedule();
    LearningRateSchedule lr =
        LearningRateSchedule.stepDecay(s.learningRate(), s.decayFactor(), s.decayEvery());
    List<ParameterGroup> groups = new ArrayList<>();
    groups.add(new ParameterGroup("foreground", parameters(atlas), lr));
    if (background != null) {
      groups.add(new ParameterGroup("background", parameters(background), lr));
    }
    return new AdamOptimizer(groups, manager, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
  }

  /** The atlas's trainable arrays as (unowned) parameters: closing them is the atlas's business. */
  private static List<Parameter> parameters(EditingAtlas atlas) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, NDArray> p : atlas.trainable()) {
      out.add(
          Parameter.builder()
              .setName(p.getKey())
              .setType(Parameter.Type.OTHER)
              .optArray(p.getValue())
              .build());
    }
    return out;
  }

  /**
   * Writes the checkpoint when there is one and something new to keep, and says so in the
   * exception.
   */
  private static CancellationException cancel(
      Optional<StylizeCheckpoint> saver,
      int it,
      boolean progressed,
      StylizeCheckpoint.State state,
      List<EditingAtlas> atlases,
      AdamOptimizer adam)
      throws IOException {
    if (saver.isEmpty()) {
      return new CancellationException("stylization cancelled at iteration " + it);
    }
    if (progressed) {
      save(saver.get(), state, atlases, adam);
    }
    return Files.exists(saver.get().file())
        ? new CancellationException(
            "stylization cancelled at iteration "
                + it
                + "; the same run resumes from "
                + saver.get().file())
        : new CancellationException(
            "stylization cancelled at iteration " + it + "; nothing to resume from");
  }

  private static void save(
      StylizeCheckpoint saver,
      StylizeCheckpoint.State state,
      List<EditingAtlas> atlases,
      AdamOptimizer adam)
      throws IOException {
    saver.save(state, atlases, adam);
    LOG.info("stylize checkpoint at iteration {}: {}", state.nextIteration(), saver.file());
  }

  /**
   * The random stream of one iteration: a function of (seed, iteration) only, so a resumed run
   * repeats it.
   */
  static SplittableRandom iterationRandom(long seed, int iteration) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + iteration);
  }

  /**
   * B distinct frames drawn uniformly, in increasing order (all frames when the clip is shorter).
   */
  static int[] sampleFrames(int frameCount, int count, SplittableRandom rnd) {
    int n = Math.min(count, frameCount);
    int[] pool = new int[frameCount];
    Arrays.setAll(pool, i -> i);
    for (int i = 0; i < n; i++) {
      int j = i + rnd.nextInt(frameCount - i);
      int tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }
    int[] out = Arrays.copyOf(pool, n);
    Arrays.sort(out);
    return out;
  }

  /** The working-resolution maps and background colours, read once per run. */
  private static final class WorkingFrames implements ViewBatch.FrameData {
    private final EditableScene scene;
    private final FrameLayerMaps[] maps;

    /** Reads every frame's maps and background colours up front, so iterations only sample them. */
    WorkingFrames(EditableScene scene) {
      this.scene = scene;
      this.maps = new FrameLayerMaps[scene.frameCount()];
      for (int t = 0; t < maps.length; t++) {
        maps[t] = scene.maps().maps(t, scene.width(), scene.height());
        scene.backgroundColours(t);
      }
    }

    @Override
    public FrameLayerMaps maps(int t) {
      return maps[t];
    }

    @Override
    public float[] background(int t) {
      return scene.backgroundColours(t);
    }
  }
}
