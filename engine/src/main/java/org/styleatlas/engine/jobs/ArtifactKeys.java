package org.styleatlas.engine.jobs;

import org.styleatlas.engine.cache.CacheKey;

/**
 * The cache addresses of the artifacts a job produces: clip → decomposition → stylized atlas. A
 * job's output lands at {@link #output(JobSpec)}; the render path looks it up there. The build's
 * pipeline provides the one recipe ({@code org.styleatlas.engine.pipeline.ArtifactRecipe},
 * registered with {@link JobRunners#setKeys}), which the CLI and the host share through {@code
 * org.styleatlas.engine.studio}; a build without a pipeline uses {@link SpecKeys}.
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

  /** Cache kind of the quick previews of stylized atlases. */
  String STYLIZED_PREVIEW = "stylized-preview";

  /** The decomposition of the spec's clip with its decomposition settings. */
  CacheKey decomposition(JobSpec spec);

  /** The stylized atlas built on {@link #decomposition(JobSpec)} with the spec's style settings. */
  CacheKey stylized(JobSpec spec);

  /** The quick preview of {@link #stylized(JobSpec)}: the same hash under its own kind. */
  default CacheKey preview(JobSpec spec) {
    return new CacheKey(STYLIZED_PREVIEW, stylized(spec).hash());
  }

  /** Where the job of {@code spec} writes its result. */
  default CacheKey output(JobSpec spec) {
    return switch (spec.kind()) {
      case DECOMPOSE -> decomposition(spec);
      case STYLIZE -> stylized(spec);
      case PREVIEW -> preview(spec);
    };
  }
}
