package org.styleatlas.engine.jobs;

import org.styleatlas.engine.cache.CacheKey;

/**
 * The cache addresses of the artifacts a job produces: clip → decomposition → stylized atlas. A job's
 * output lands at {@link #output(JobSpec)}; the render path looks it up there. The build's pipeline
 * provides the one recipe ({@code org.styleatlas.engine.pipeline.ArtifactRecipe}, registered with
 * {@link JobRunners#setKeys}), which the CLI and the host share through {@code org.styleatlas.engine.studio};
 * a build without a pipeline uses {@link SpecKeys}.
 */
public interface ArtifactKeys {
  /** Cache kind of frames contributed by the plug-in. */
  String FRAME = "frame";
  /** Cache kind of recognised clips. */
  String CLIP = "clip";
  /** Cache kind of decompositions (the self-sufficient entry the renderer and stylization open). */
  String DECOMPOSITION = "decomposition";
  /** Cache kind of stylized atlases. */
  String STYLIZED = "stylized-atlas";

  /** The decomposition of the spec's clip with its decomposition settings. */
  CacheKey decomposition(JobSpec spec);

  /** The stylized atlas built on {@link #decomposition(JobSpec)} with the spec's style settings. */
  CacheKey stylized(JobSpec spec);

  /** Where the job of {@code spec} writes its result. */
  default CacheKey output(JobSpec spec) {
    return spec.kind() == JobKind.DECOMPOSE ? decomposition(spec) : stylized(spec);
  }
}
