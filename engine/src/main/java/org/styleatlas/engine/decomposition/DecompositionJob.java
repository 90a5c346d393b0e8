package org.styleatlas.engine.decomposition;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.OpacitySource;
import org.styleatlas.engine.decomposition.loss.Layer;
import org.styleatlas.engine.decomposition.train.Checkpointer;
import org.styleatlas.engine.decomposition.train.LossHistory;
import org.styleatlas.engine.decomposition.train.ProgressListener;
import org.styleatlas.engine.decomposition.train.Trainer;
import org.styleatlas.engine.decomposition.train.TrainingListener;
import org.styleatlas.engine.decomposition.train.TrainingResult;
import org.styleatlas.engine.decomposition.train.TrainingTask;
import org.styleatlas.engine.flow.FlowCache;
import org.styleatlas.engine.flow.OpticalFlow;
import org.styleatlas.engine.optim.TrainingClock;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.video.VideoHashing;

/**
 * Clip → trained layered atlases → cached outputs. The result lives in the content cache under the
 * hash of the clip (frames and matte at the working resolution) and the config; a second run with
 * the same inputs loads it without training. Training checkpoints to {@code <cache>/work/<hash>/}
 * and resumes from there after a crash or cancellation.
 */
public final class DecompositionJob {
  private static final Logger LOG = LoggerFactory.getLogger(DecompositionJob.class);

  /** Progress task name of the training loop. */
  public static final String TASK = "decompose";

  private static final int CURVE_EVERY = 10;

  private final org.styleatlas.engine.video.Clip clip;
  private final DecompositionConfig config;
  private final ContentCache cache;
  private final ProgressSink progress;
  private final Cancellation cancellation;
  private final List<Listener> listeners;
  private final Duration timeBudget;
  private final TrainingClock clock;
  private final PsnrProbe probe;
  private final double probeEverySeconds;
  private final CacheKey entryKey;
  private final ContentCache.EntryWriter extras;

  private record Listener(TrainingListener listener, int every) {}

  private DecompositionJob(Builder b) {
    this.clip = b.clip;
    this.config = b.config;
    this.cache = b.cache;
    this.progress = b.progress;
    this.cancellation = b.cancellation;
    this.listeners = List.copyOf(b.listeners);
    this.timeBudget = b.timeBudget;
    this.clock = b.clock;
    this.probe = b.probe;
    this.probeEverySeconds = b.probeEverySeconds;
    this.entryKey = b.entryKey;
    this.extras = b.extras;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The cache key of the decomposition of {@code clip} with {@code config} (no time budget). */
  public static CacheKey key(org.styleatlas.engine.video.Clip clip, DecompositionConfig config) {
    return key(clip, config, null);
  }

  private static CacheKey key(
      org.styleatlas.engine.video.Clip clip, DecompositionConfig config, String budget) {
    ContentHasher h = new ContentHasher().putString(config.fingerprint());
    h.putString(budget == null ? "no-budget" : "budget-" + budget);
    return VideoHashing.putClip(h, clip).key(DecompositionFiles.RUN_KIND);
  }

  /**
   * The cached decomposition of {@code clip} with {@code config}, loaded without training, if
   * present.
   */
  public static Optional<Decomposition> load(
      ContentCache cache, org.styleatlas.engine.video.Clip clip, DecompositionConfig config)
      throws IOException {
    Optional<CacheEntry> entry = cache.find(key(clip, onDevice(config)));
    return entry.isEmpty()
        ? Optional.empty()
        : Optional.of(Decomposition.open(entry.get(), config));
  }

  /** {@code config} as it trains on the device it resolves to (on a GPU, larger batches). */
  private static DecompositionConfig onDevice(DecompositionConfig config) {
    return config.forDevice(config.device().resolve(DjlRuntime.engine()));
  }

  /**
   * Runs (or loads) the decomposition.
   *
   * @throws CancellationException when cancelled; a checkpoint is kept and the next run resumes
   *     from it
   */
  public Decomposition run() throws IOException {
    Engine engine = DjlRuntime.engine();
    Device device = config.device().resolve(engine);
    DecompositionConfig config = this.config.forDevice(device);
    CacheKey key =
        entryKey != null
            ? entryKey
            : key(clip, config, timeBudget == null ? null : timeBudget + " " + clock);
    Optional<CacheEntry> hit = cache.find(key);
    if (hit.isPresent()) {
      LOG.info("decomposition of {} found in the cache ({})", clip.name(), key);
      return Decomposition.open(hit.get(), config);
    }
    long t0 = System.nanoTime();
    OpticalFlow flow = FlowCache.getOrCompute(cache, clip, config.flow(), stoppingFlow());
    double flowSeconds = (System.nanoTime() - t0) / 1e9;
    LOG.info(
        "flow of {}: {} pairs, {}% consistent, {} s",
        clip.name(),
        flow.frames() - 1,
        Math.round(flow.consistentFraction() * 100),
        String.format("%.1f", flowSeconds));

    engine.setRandomSeed((int) config.schedule().seed());
    NDManager manager = engine.newBaseManager(device);
    try {
      LayeredAtlasModel model = LayeredAtlasModel.create(config.model(), manager);
      TrainingData data = TrainingData.of(clip, flow);
      Checkpointer checkpointer =
          new Checkpointer(
              cache.root().resolve("work").resolve(key.hash()).resolve("checkpoint.bin"),
              key.hash(),
              config.schedule().checkpointEvery());
      long t1 = System.nanoTime();
      if (!checkpointer.resumable()) {
        pretrain(engine, config, model, data, manager);
        if (cancellation.isCancelled()) {
          throw new CancellationException(
              "decomposition of "
                  + clip.name()
                  + " cancelled during pre-training, before any checkpoint; the next run starts again");
        }
      }
      LossHistory history = new LossHistory();
      TrainingResult result =
          train(
              engine,
              config,
              new DecompositionTask(model, data, config, manager),
              checkpointer,
              history,
              manager);
      double trainSeconds = (System.nanoTime() - t1) / 1e9;
      if (result.stop() == TrainingResult.Stop.CANCELLED) {
        throw new CancellationException(
            "decomposition of "
                + clip.name()
                + " cancelled at iteration "
                + result.completedIterations()
                + "; the next run resumes from "
                + checkpointer.file());
      }
      Outputs outputs =
          new Outputs(config, model, manager, data, flowSeconds, trainSeconds, result, history);
      CacheEntry entry =
          cache.getOrCreate(
              key,
              dir -> {
                outputs.write(dir);
                if (extras != null) {
                  extras.write(dir);
                }
              });
      checkpointer.delete();
      Decomposition d = new Decomposition(entry, config, outputs.report, manager, model);
      ClipQuality q = outputs.report.quality();
      LOG.info(
          "decomposition of {}: mean PSNR {} dB (worst frame {}: {} dB), α-vs-matte IoU ≥ {}, after {} iterations",
          clip.name(),
          String.format("%.2f", q.meanPsnr()),
          q.worstFrame(),
          String.format("%.2f", q.worstPsnr()),
          q.minAlphaIou() == null ? "-" : String.format("%.3f", q.minAlphaIou()),
          result.completedIterations());
      return d;
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * {@link #progress} for the optical-flow stage, which also ends the stage at the first update
   * after a cancellation (one frame pair), so a cancel during flow does not wait for every pair.
   */
  private ProgressSink stoppingFlow() {
    return (task, done, total, detail) -> {
      progress.update(task, done, total, detail);
      if (cancellation.isCancelled()) {
        throw new CancellationException(
            "decomposition of "
                + clip.name()
                + " cancelled during optical flow after "
                + done
                + " of "
                + total
                + " frame pairs; the next run computes the flow again");
      }
    };
  }

  private void pretrain(
      Engine engine,
      DecompositionConfig config,
      LayeredAtlasModel model,
      TrainingData data,
      NDManager manager) {
    int n = config.schedule().pretrainIterations();
    if (n == 0) {
      return;
    }
    TrainingTask task = new PretrainTask(model, data, config, manager);
    try (var adam = ParameterGroups.adam(task.parameterGroups(), manager, config.optimizer())) {
      Trainer.builder()
          .setEngine(engine)
          .setTask(task)
          .setOptimizer(adam)
          .setIterations(n)
          .optCancellation(cancellation)
          .build()
          .run(manager);
    }
  }

  private TrainingResult train(
      Engine engine,
      DecompositionConfig config,
      DecompositionTask task,
      Checkpointer checkpointer,
      LossHistory history,
      NDManager manager) {
    try (var adam = ParameterGroups.adam(task.parameterGroups(), manager, config.optimizer())) {
      Trainer.Builder b =
          Trainer.builder()
              .setEngine(engine)
              .setTask(task)
              .setOptimizer(adam)
              .setIterations(config.schedule().iterations())
              .optCheckpointer(checkpointer)
              .optCancellation(cancellation)
              .addListener(history, CURVE_EVERY)
              .addListener(new ProgressListener(progress, TASK), 1);
      for (Listener l : listeners) {
        b.addListener(l.listener(), l.every());
      }
      if (timeBudget != null) {
        b.optTimeBudget(timeBudget).optClock(clock);
      }
      if (probe != null) {
        b.addListener(new ProbeListener(task, manager), 1);
      }
      return b.build().run(manager);
    }
  }

  /**
   * Measures PSNR on a few frames whenever another {@code probeEverySeconds} of training have
   * passed.
   */
  private final class ProbeListener implements TrainingListener {
    private final DecompositionTask task;
    private final NDManager manager;
    private double next;

    ProbeListener(DecompositionTask task, NDManager manager) {
      this.task = task;
      this.manager = manager;
      this.next = probeEverySeconds;
    }

    @Override
    public void onStep(org.styleatlas.engine.decomposition.train.StepMetrics m) {
      boolean last = m.iteration() + 1 == m.iterations();
      boolean over = timeBudget != null && m.trainingSeconds() >= timeBudget.toSeconds();
      if (m.trainingSeconds() < next && !last && !over) {
        return;
      }
      while (next <= m.trainingSeconds()) {
        next += probeEverySeconds;
      }
      probe.report(
          m.iteration() + 1, m.trainingSeconds(), task.probePsnr(clip, PsnrProbe.FRAMES, manager));
    }
  }

  /** Evaluates the trained model and writes every output file into a cache entry folder. */
  private final class Outputs {
    private final DecompositionConfig config;
    private final LayeredAtlasModel model;
    private final NDManager manager;
    private final ClipLayerMaps maps;
    private DecompositionReport report;
    private final ReportDraft draft;
    private final MatteOpacity opacity;

    private record ReportDraft(
        List<FrameQuality> frames,
        double flowSeconds,
        double trainSeconds,
        double evaluateStart,
        TrainingResult result,
        LossHistory history) {}

    Outputs(
        DecompositionConfig config,
        LayeredAtlasModel model,
        NDManager manager,
        TrainingData data,
        double flowSeconds,
        double trainSeconds,
        TrainingResult result,
        LossHistory history) {
      this.config = config;
      this.model = model;
      this.manager = manager;
      long t0 = System.nanoTime();
      this.opacity =
          config.opacity() == OpacitySource.MATTE && clip.hasMatte()
              ? new MatteOpacity(
                  clip.width(),
                  clip.height(),
                  java.util.stream.IntStream.range(0, clip.frameCount())
                      .mapToObj(t -> clip.matte(t).values())
                      .toList())
              : null;
      this.maps =
          MapEvaluator.evaluate(
              model,
              manager,
              data.geometry(),
              clip.width(),
              clip.height(),
              0,
              clip.frameCount(),
              true,
              opacity,
              progress);
      List<FrameQuality> frames = new ArrayList<>();
      for (int t = 0; t < clip.frameCount(); t++) {
        FrameQuality q =
            FrameQuality.measure(
                t,
                maps.rgb().get(t),
                clip.frame(t),
                clip.hasMatte() ? clip.matte(t) : null,
                maps.alpha().get(t));
        if (!maps.rgbAtlasOnly().isEmpty()) {
          q =
              q.withAtlasOnly(
                  FrameQuality.measure(
                      t,
                      maps.rgbAtlasOnly().get(t),
                      clip.frame(t),
                      clip.hasMatte() ? clip.matte(t) : null,
                      maps.alpha().get(t)));
        }
        if (opacity != null) {
          q =
              q.withLearnedAlphaIou(
                  FrameQuality.iou(
                      MapEvaluator.learnedAlpha(model, manager, data.geometry(), t),
                      clip.matte(t)));
        }
        frames.add(q);
      }
      this.draft = new ReportDraft(frames, flowSeconds, trainSeconds, t0, result, history);
    }

    void write(Path dir) throws IOException {
      try (OutputStream raw = Files.newOutputStream(dir.resolve(DecompositionFiles.WEIGHTS));
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        model.save(out);
      }
      LayerMapWriter.write(dir, maps);
      AtlasImageLayout fg =
          AtlasRasterizer.rasterize(
              model.foregroundAtlas(),
              Layer.FOREGROUND,
              maps,
              config.atlasResolution(),
              manager,
              dir);
      AtlasImageLayout bg =
          AtlasRasterizer.rasterize(
              model.backgroundAtlas(),
              Layer.BACKGROUND,
              maps,
              config.atlasResolution(),
              manager,
              dir);
      double evalSeconds = (System.nanoTime() - (long) draft.evaluateStart()) / 1e9;
      List<DecompositionReport.CurvePoint> curve =
          draft.history().points().stream()
              .map(
                  m ->
                      new DecompositionReport.CurvePoint(
                          m.iteration(), m.trainingSeconds(), m.total(), m.terms()))
              .toList();
      ClipQuality quality = ClipQuality.of(draft.frames());
      report =
          new DecompositionReport(
              clip.name(),
              clip.width(),
              clip.height(),
              clip.frameCount(),
              config.mode().label(),
              draft.result().completedIterations(),
              draft.frames().stream().map(FrameQuality::psnr).toList(),
              quality.meanPsnr(),
              draft.frames(),
              quality,
              curve,
              draft.flowSeconds(),
              draft.trainSeconds(),
              evalSeconds,
              fg,
              bg,
              opacity == null
                  ? DecompositionReport.OPACITY_LEARNED
                  : DecompositionReport.OPACITY_MATTE);
      Decomposition.JSON
          .writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve(DecompositionFiles.REPORT).toFile(), report);
      Files.writeString(
          dir.resolve(DecompositionFiles.CONFIG), config.fingerprint(), StandardCharsets.UTF_8);
    }
  }

  /** Builds a {@link DecompositionJob}; clip and config are required. */
  public static final class Builder {
    private org.styleatlas.engine.video.Clip clip;
    private DecompositionConfig config;
    private ContentCache cache;
    private ProgressSink progress = ProgressSink.NONE;
    private Cancellation cancellation = Cancellation.none();
    private final List<Listener> listeners = new ArrayList<>();
    private Duration timeBudget;
    private TrainingClock clock = TrainingClock.WALL;
    private PsnrProbe probe;
    private double probeEverySeconds;
    private CacheKey entryKey;
    private ContentCache.EntryWriter extras;

    /**
     * Caches the result at {@code key} (the caller's artifact address, e.g. the studio's one
     * recipe) instead of this job's own content key, with {@code extras} written into the same
     * entry; the checkpoint lives at {@code <cache>/work/<key hash>/}.
     */
    public Builder optEntry(CacheKey key, ContentCache.EntryWriter extras) {
      this.entryKey = key;
      this.extras = extras;
      return this;
    }

    /** The clip at its working resolution; it is validated here. */
    public Builder setClip(org.styleatlas.engine.video.Clip clip) {
      this.clip = ClipValidation.check(clip);
      return this;
    }

    public Builder setConfig(DecompositionConfig config) {
      this.config = config;
      return this;
    }

    /** The cache (default: {@link ContentCache#defaultRoot()} capped at 20 GB). */
    public Builder optCache(ContentCache cache) {
      this.cache = cache;
      return this;
    }

    public Builder optProgress(ProgressSink progress) {
      this.progress = progress;
      return this;
    }

    public Builder optCancellation(Cancellation cancellation) {
      this.cancellation = cancellation;
      return this;
    }

    /** Also reports main-phase steps to {@code listener} every {@code every} steps. */
    public Builder addListener(TrainingListener listener, int every) {
      listeners.add(new Listener(listener, every));
      return this;
    }

    /**
     * Stops training after this much training time (benchmarks); the result is cached under its own
     * key.
     */
    public Builder optTimeBudget(Duration budget) {
      return optTimeBudget(budget, TrainingClock.WALL);
    }

    /**
     * A training-time budget measured with {@code clock}: {@link TrainingClock#THREAD_CPU} on
     * shared machines.
     */
    public Builder optTimeBudget(Duration budget, TrainingClock clock) {
      this.timeBudget = budget;
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Measures PSNR every {@code everySeconds} of training and at the end (benchmarks). */
    public Builder optPsnrProbe(PsnrProbe probe, double everySeconds) {
      if (!(everySeconds > 0)) {
        throw new IllegalArgumentException("probe period must be positive, got " + everySeconds);
      }
      this.probe = probe;
      this.probeEverySeconds = everySeconds;
      return this;
    }

    public DecompositionJob build() {
      if (clip == null || config == null) {
        throw new IllegalStateException("a decomposition job needs a clip and a config");
      }
      if (cache == null) {
        cache = new ContentCache(ContentCache.defaultRoot(), 20L << 30);
      }
      return new DecompositionJob(this);
    }
  }
}
