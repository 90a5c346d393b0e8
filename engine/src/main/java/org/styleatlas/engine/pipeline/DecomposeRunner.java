package org.styleatlas.engine.pipeline;

import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.jobs.JobContext;
import org.styleatlas.engine.jobs.JobRunner;
import org.styleatlas.engine.video.Clip;

/**
 * The host's decompose job: the job's clip at the working resolution, with its matte ({@link
 * JobClips}), through {@link DecompositionJob}, which writes the one decomposition entry ({@link
 * DecompositionEntry}) at the job's output key and checkpoints to {@code <cache>/work/<that key's
 * hash>/}, so an interrupted job resumes there. A clip too large for this process's memory ({@link
 * DecompositionBudget}) fails the job before any frame is read.
 */
record DecomposeRunner(PipelineSettings settings, DecompositionBudget budget) implements JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DecomposeRunner.class);

  DecomposeRunner(PipelineSettings settings) {
    this(settings, DecompositionBudget.ofThisProcess());
  }

  @Override
  public void run(JobContext ctx) throws Exception {
    JobClips.requireMemory(
        ctx, settings.longEdge(), settings.decomposition().schedule().batchPixels(), budget);
    Clip clip = JobClips.load(ctx, settings.longEdge());
    LOG.info(
        "job {}: decomposing {} ({} frames of {}x{})",
        ctx.jobId(),
        clip.name(),
        clip.frameCount(),
        clip.width(),
        clip.height());
    StopSignal stop = new StopSignal(ctx);
    try (Decomposition d =
        DecompositionJob.builder()
            .setClip(clip)
            .setConfig(OpacityChoice.config(settings.decomposition(), ctx.spec().decompose()))
            .optCache(ctx.cache())
            .optEntry(ctx.outputKey(), dir -> DecompositionEntry.writeExtras(dir, clip))
            .optProgress(stop.polling(ctx.progressSink()))
            .optCancellation(stop.cancellation())
            .build()
            .run()) {
      ctx.checkStop();
    } catch (CancellationException e) {
      throw stop.rethrow(e);
    }
  }
}
