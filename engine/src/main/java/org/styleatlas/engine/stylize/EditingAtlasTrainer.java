package org.styleatlas.engine.stylize;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.clip.ClipPreprocessor;
import org.styleatlas.engine.clip.ImageTextEncoder;
import org.styleatlas.engine.render.LayerMaps;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.runtime.Scalars;

/**
 * The paper's fine-tuning of the editing atlas (§3.3, Fig. 3): each iteration samples frames uniformly,
 * renders augmented global and local views of each directly from the cached maps through the trainable
 * atlas A (everything else frozen), encodes them with CLIP, and takes one Adam step on Eq. 6. Every step
 * runs in its own sub-manager, so native memory stays flat.
 */
public final class EditingAtlasTrainer {
  /** Progress task name. */
  public static final String TASK = "stylize";

  private static final Logger LOG = LoggerFactory.getLogger(EditingAtlasTrainer.class);
  private static final int LOG_EVERY = 50;

  private final StylizeConfig config;
  private final GlobalLoss globalLoss = new GlobalLoss();
  private final LocalLoss localLoss = new LocalLoss();
  private final TemporalLoss temporalLoss = new TemporalLoss();
  private final SparsityLoss sparsityLoss = new SparsityLoss();
  private final Optional<StructureLoss> structureLoss;

  /**
   * @param config the run's configuration
   * @param structureLoss the optional structure term; required when the config enables it
   */
  public EditingAtlasTrainer(StylizeConfig config, Optional<StructureLoss> structureLoss) {
    this.config = config;
    this.structureLoss = structureLoss;
    if (config.losses().enabled(LossTerm.STRUCTURE) && structureLoss.isEmpty()) {
      throw new IllegalArgumentException("the structure term is on but no CLIP model with image tokens was given");
    }
  }

  public EditingAtlasTrainer(StylizeConfig config) {
    this(config, Optional.empty());
  }

  /**
   * Fine-tunes a fresh copy of the scene's foreground atlas (and background atlas, when configured).
   *
   * @param scene the decomposed clip; never modified
   * @param encoder the CLIP model (or a test encoder)
   * @param target prompts and/or a style image
   * @param progress receives one update per iteration
   * @param cancelled polled once per iteration; when true the run stops with a {@link CancellationException}
   */
  public StylizationResult run(EditableScene scene, ImageTextEncoder encoder, StyleTarget target,
      ProgressSink progress, BooleanSupplier cancelled) {
    Engine engine = DjlRuntime.engine();
    ScheduleConfig schedule = config.schedule();
    SplittableRandom rnd = new SplittableRandom(schedule.seed());
    ViewSampler sampler = new ViewSampler(config.views());
    WorkingFrames frames = new WorkingFrames(scene);
    List<LossValues> history = new ArrayList<>(schedule.iterations());
    try (NDManager manager = engine.newBaseManager();
        EditingAtlas atlas = scene.editingAtlas(manager, config.atlasMode());
        EditingAtlas background = config.stylizeBackground()
            ? scene.backgroundAtlas(manager, config.atlasMode()) : null) {
      TargetEmbeddings targets = TargetEmbeddings.encode(manager, encoder, target, config.prefixes(),
          config.views().localScale(), schedule.seed());
      Optimizer adam = Optimizer.adam()
          .optLearningRateTracker((ai.djl.training.tracker.Tracker) n -> (float) schedule.learningRateAt(Math.max(0, n - 1)))
          .build();
      long start = System.nanoTime();
      for (int it = 0; it < schedule.iterations(); it++) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("stylization cancelled at iteration " + it);
        }
        int[] batchFrames = sampleFrames(scene.frameCount(), schedule.framesPerIteration(), rnd);
        List<ViewSpec> views = new ArrayList<>();
        for (int t : batchFrames) {
          LayerMaps m = frames.maps(t);
          views.addAll(sampler.sample(t, m.alpha(), m.width(), m.height(), rnd));
        }
        long t0 = System.nanoTime();
        ViewBatch batch = ViewBatch.of(views, config.views().resolution(), frames);
        long t1 = System.nanoTime();
        LossValues values;
        try (NDManager step = manager.newSubManager()) {
          TargetEmbeddings.Targets tg = targets.pick(step, rnd);
          values = step(step, engine, atlas, background, encoder, batch, batchFrames, tg, adam, it);
        }
        if (LOG.isDebugEnabled()) {
          LOG.debug("iteration {}: views {} ms, step {} ms", it, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        }
        history.add(values);
        progress.update(TASK, it + 1, schedule.iterations(), String.format("loss %.4f", values.total()));
        if (it % LOG_EVERY == 0 || it == schedule.iterations() - 1) {
          LOG.info("iteration {}: {}", it, values);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Optional<org.styleatlas.engine.render.AtlasTexture> bg = background == null ? Optional.empty()
          : Optional.of(background.discretize(scene.atlases().background()));
      return new StylizationResult(atlas.discretize(scene.atlases().foreground()), bg, history, seconds);
    }
  }

  private LossValues step(NDManager step, Engine engine, EditingAtlas atlas, EditingAtlas background,
      ImageTextEncoder encoder, ViewBatch batch, int[] batchFrames, TargetEmbeddings.Targets tg, Optimizer adam,
      int it) {
    LossWeights w = config.losses();
    double[] v = new double[LossTerm.values().length];
    double total;
    boolean stepped;
    long start = System.nanoTime();
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray foreground = atlas.colours(batch.uvArray(step));
      NDArray images = background == null ? batch.images(foreground)
          : batch.images(foreground, background.colours(batch.backgroundUvArray(step)));
      long t0 = System.nanoTime();
      NDArray prepared = ClipPreprocessor.prepare(images, encoder.imageSize());
      long t1 = System.nanoTime();
      NDArray embeddings = encoder.encodeImages(prepared);
      long t2 = System.nanoTime();
      NDArray loss = step.zeros(new ai.djl.ndarray.types.Shape());
      int perFrame = config.views().viewsPerFrame();
      int nGlobal = config.views().globalViews();
      List<NDArray> frameGlobal = new ArrayList<>();
      NDArray global = step.zeros(new ai.djl.ndarray.types.Shape());
      NDArray local = step.zeros(new ai.djl.ndarray.types.Shape());
      for (int f = 0; f < batchFrames.length; f++) {
        NDArray frameViews = embeddings.get((f * perFrame) + ":" + ((f + 1) * perFrame));
        if (nGlobal > 0) {
          NDArray g = frameViews.get("0:" + nGlobal);
          frameGlobal.add(g.mean(new int[] {0}));
          if (w.enabled(LossTerm.GLOBAL)) {
            global = global.add(globalLoss.compute(g, tg.global()));
          }
        }
        if (perFrame > nGlobal && w.enabled(LossTerm.LOCAL)) {
          local = local.add(localLoss.compute(frameViews.get(nGlobal + ":"), tg.local()));
        }
      }
      global = Scalars.div(global, batchFrames.length);
      local = Scalars.div(local, batchFrames.length);
      loss = loss.add(Scalars.mul(global, w.global())).add(Scalars.mul(local, w.local()));
      v[LossTerm.GLOBAL.ordinal()] = global.getFloat();
      v[LossTerm.LOCAL.ordinal()] = local.getFloat();
      if (w.enabled(LossTerm.TEMPORAL) && frameGlobal.size() >= 3) {
        NDArray temporal = temporalLoss.compute(NDArrays.stack(new NDList(frameGlobal)), batchFrames);
        loss = loss.add(Scalars.mul(temporal, w.temporal()));
        v[LossTerm.TEMPORAL.ordinal()] = temporal.getFloat();
      }
      if (w.enabled(LossTerm.SPARSITY)) {
        NDArray sparsity = sparsityLoss.compute(foreground, batch.sparsityWeights(step));
        loss = loss.add(Scalars.mul(sparsity, w.sparsity()));
        v[LossTerm.SPARSITY.ordinal()] = sparsity.getFloat();
      }
      if (w.enabled(LossTerm.STRUCTURE)) {
        NDArray structure = structureLoss.orElseThrow().compute(batch, images, encoder.imageSize());
        loss = loss.add(Scalars.mul(structure, w.structure()));
        v[LossTerm.STRUCTURE.ordinal()] = structure.getFloat();
      }
      total = loss.getFloat();
      stepped = w.enabled(LossTerm.GLOBAL) || w.enabled(LossTerm.LOCAL) || w.enabled(LossTerm.SPARSITY)
          || w.enabled(LossTerm.STRUCTURE) || (w.enabled(LossTerm.TEMPORAL) && frameGlobal.size() >= 3);
      long t3 = System.nanoTime();
      if (stepped) {
        gc.backward(loss);
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("atlas+images {} ms, preprocess {} ms, encode {} ms, losses {} ms, backward {} ms",
            (t0 - start) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
            (System.nanoTime() - t3) / 1_000_000);
      }
    }
    if (stepped) {
      update(adam, "foreground/", atlas);
      if (background != null) {
        update(adam, "background/", background);
      }
    }
    return new LossValues(it, v[0], v[1], v[2], v[3], v[4], total, config.schedule().learningRateAt(it));
  }


  /** One Adam step on every trainable array; {@code scope} keeps the optimizer states of two atlases apart. */
  private static void update(Optimizer adam, String scope, EditingAtlas atlas) {
    for (Pair<String, NDArray> p : atlas.trainable()) {
      NDArray weight = p.getValue();
      NDArray grad = weight.getGradient();
      adam.update(scope + p.getKey(), weight, grad);
      grad.subi(grad);
      grad.close();
    }
  }

  /** B distinct frames drawn uniformly, in increasing order (all frames when the clip is shorter). */
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
    private final LayerMaps[] maps;

    /** Reads every frame's maps and background colours up front, so iterations only sample them. */
    WorkingFrames(EditableScene scene) {
      this.scene = scene;
      this.maps = new LayerMaps[scene.frameCount()];
      for (int t = 0; t < maps.length; t++) {
        maps[t] = scene.maps().maps(t, scene.width(), scene.height());
        scene.backgroundColours(t);
      }
    }

    @Override
    public LayerMaps maps(int t) {
      return maps[t];
    }

    @Override
    public float[] background(int t) {
      return scene.backgroundColours(t);
    }
  }
}
