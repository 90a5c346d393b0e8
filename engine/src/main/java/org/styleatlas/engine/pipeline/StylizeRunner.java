package org.styleatlas.engine.pipeline;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.clipmodel.ClipModels;
import org.styleatlas.engine.clipmodel.ModelStore;
import org.styleatlas.engine.jobs.JobContext;
import org.styleatlas.engine.jobs.StyleSettings;
import org.styleatlas.engine.render.AtlasFiles;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.EditingAtlasTrainer;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.StylizedAtlasCache;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.DecompositionScene;

/**
 * The host's stylize job: opens the job's decomposition entry ({@link DecompositionEntry}), loads
 * the CLIP model of {@link PipelineSettings#clipModel()} as the CLI does ({@link ClipModels}; a
 * missing model is an {@link org.styleatlas.engine.InputException} that says how to install it),
 * fine-tunes the editing atlas with {@link EditingAtlasTrainer} and writes it in {@link
 * StylizedAtlasCache}'s layout at the job's output key. Fine-tuning checkpoints to {@value
 * #CHECKPOINT} in the job's {@link JobContext#checkpointDir()} every {@link
 * org.styleatlas.engine.stylize.StylizeCheckpoint#EVERY} iterations and when stopped, so a
 * preempted or interrupted job resumes where it was; the executor deletes the folder when the job
 * succeeds or is cancelled. With {@code preview} it runs {@link StylizeOptions#preview} instead of
 * the job's settings (a {@code preview} job, written at {@link ArtifactKeys#preview}).
 */
record StylizeRunner(PipelineSettings settings, ArtifactRecipe keys, boolean preview)
    implements org.styleatlas.engine.jobs.JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StylizeRunner.class);

  /** File name of the fine-tuning checkpoint in the job's checkpoint folder. */
  static final String CHECKPOINT = "stylize-checkpoint.bin";

  @Override
  public void run(JobContext ctx) throws Exception {
    CacheEntry decomposition =
        ctx.cache()
            .find(keys.decomposition(ctx.spec()))
            .orElseThrow(
                () ->
                    new InputException(
                        "the decomposition of this clip is not in the cache (evicted?); decompose it again"));
    StyleTarget target = target(ctx.spec().style());
    StopSignal stop = new StopSignal(ctx);
    try (ClipModel clip =
            ClipModels.open(
                settings.clipModel(),
                DjlRuntime.engine().defaultDevice(),
                ModelStore.fromEnvironment(),
                ctx.progressSink());
        DecompositionScene scene =
            DecompositionEntry.open(decomposition, settings.decomposition(), ProgressSink.NONE)) {
      StylizeConfig config =
          preview
              ? StylizeOptions.preview(ctx.spec().style(), scene)
              : StylizeOptions.of(ctx.spec().style()).resolve(scene);
      LOG.info(
          "job {}: {} towards {} with {}",
          ctx.jobId(),
          preview ? "previewing" : "stylizing",
          target.describe(),
          config);
      new StylizedAtlasCache(ctx.cache())
          .getOrRun(
              ctx.outputKey(),
              scene,
              () ->
                  new EditingAtlasTrainer(config)
                      .run(
                          scene,
                          clip,
                          target,
                          ctx.progressSink(),
                          stop::poll,
                          Optional.of(ctx.checkpointDir().resolve(CHECKPOINT))));
    } catch (CancellationException e) {
      throw stop.rethrow(e);
    }
  }

  private static StyleTarget target(StyleSettings s) {
    return new StyleTarget(
        s.prompt(),
        s.localPrompt(),
        Optional.ofNullable(s.styleImagePath()).map(p -> AtlasFiles.read(p, 0, 0).toFrame()));
  }
}
