package org.styleatlas.engine.pipeline;

import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobRunnerProvider;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * Registers the layered-atlas pipeline with the host: the decompose and stylize runners and the
 * frame renderer (built by the host on its content cache), all sharing one {@link PipelineSettings}
 * (by default {@link PipelineSettings#fromEnvironment()}). Listed in {@code
 * META-INF/services/org.styleatlas.engine.jobs.JobRunnerProvider}.
 */
public final class AtlasRunners implements JobRunnerProvider {
  private final PipelineSettings settings;

  /** For {@link java.util.ServiceLoader}: the settings of this process. */
  public AtlasRunners() {
    this(PipelineSettings.fromEnvironment());
  }

  public AtlasRunners(PipelineSettings settings) {
    this.settings = settings;
  }

  @Override
  public void register(JobRunners runners) {
    ArtifactRecipe keys = new ArtifactRecipe(settings);
    runners
        .setKeys(keys)
        .set(JobKind.DECOMPOSE, new DecomposeRunner(settings))
        .set(JobKind.STYLIZE, new StylizeRunner(settings, keys, false))
        .set(JobKind.PREVIEW, new StylizeRunner(settings, keys, true))
        .setRenderer(cache -> new AtlasFrameRenderer(settings, cache));
  }
}
