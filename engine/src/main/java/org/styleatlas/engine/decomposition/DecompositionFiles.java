package org.styleatlas.engine.decomposition;

/** File names inside a decomposition's cache entry. */
public final class DecompositionFiles {
  /**
   * The cache kind of a {@link DecompositionJob} run cached under its own content key (the working
   * clip's pixels, the settings and a time budget): benchmarks and tests. Decompositions the CLI
   * and the host share are {@code decomposition} entries at the studio's one address ({@code
   * pipeline.ArtifactRecipe}, {@code DecompositionJob.Builder#optEntry}).
   */
  public static final String RUN_KIND = "decomposition-run";

  /** All model weights (DJL parameter format). */
  public static final String WEIGHTS = "weights.bin";

  /** Foreground UV maps {@code [T, H, W, 2]} ({@link org.styleatlas.engine.cache.Float32Files}). */
  public static final String UV_FOREGROUND = "uv-foreground.f32";

  /** Background UV maps {@code [T, H, W, 2]}. */
  public static final String UV_BACKGROUND = "uv-background.f32";

  /** Alpha maps {@code [T, H, W, 1]}. */
  public static final String ALPHA = "alpha.f32";

  /** The {@link DecompositionReport} as JSON. */
  public static final String REPORT = "decomposition.json";

  /** The config fingerprint the entry was trained with. */
  public static final String CONFIG = "config.txt";

  private DecompositionFiles() {}
}
