package org.styleatlas.engine.pipeline;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.StyleSettings;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.loss.LossWeights;
import org.styleatlas.engine.stylize.loss.PromptPrefixes;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;
import org.styleatlas.engine.stylize.scene.EditableScene;

/**
 * A quality preset plus the overrides a user gave (the CLI's flags, or a job's {@link
 * StyleSettings}), resolved against a scene into a {@link StylizeConfig}. A null override keeps the
 * preset's value. Values are validated by their callers (with their own parameter names) and again
 * by the config records.
 *
 * @param preset draft, standard or final
 * @param atlasMode the editing atlas; null: the preset's, or fast when the scene cannot make the
 *     preset's
 * @param iterations fine-tuning iterations, ≥ 1
 * @param learningRate Adam's initial learning rate
 * @param seed seed of frames, views and prefixes
 * @param globalViews global views per frame (with {@code localViews})
 * @param localViews local views per frame (with {@code globalViews})
 * @param viewSize side in pixels at which views are rendered before CLIP's resize
 * @param prefixSource the prefix template list (with {@code prefixCount})
 * @param prefixCount 0, 4 or 8 prefixes (with {@code prefixSource})
 * @param lambdaGlobal λ_Global
 * @param lambdaLocal λ_Local
 * @param lambdaTemporal λ of the temporal term
 * @param lambdaSparsity λ_Sparsity
 * @param disabled loss terms switched off
 * @param structure whether Text2LIVE's structure term is on
 * @param stylizeBackground whether the background atlas is fine-tuned too
 */
public record StylizeOptions(
    StylizeConfig.Preset preset,
    AtlasMode atlasMode,
    Integer iterations,
    Double learningRate,
    long seed,
    Integer globalViews,
    Integer localViews,
    Integer viewSize,
    PromptPrefixes.Source prefixSource,
    Integer prefixCount,
    Double lambdaGlobal,
    Double lambdaLocal,
    Double lambdaTemporal,
    Double lambdaSparsity,
    Set<StylizeLossTerm> disabled,
    boolean structure,
    boolean stylizeBackground) {
  private static final Logger LOG = LoggerFactory.getLogger(StylizeOptions.class);

  public StylizeOptions {
    disabled = disabled == null ? Set.of() : Set.copyOf(disabled);
  }

  /**
   * A job's settings: quality preset, iterations (0: the preset's), seed, paper prefixes, the four
   * λ.
   */
  public static StylizeOptions of(StyleSettings s) {
    return new StylizeOptions(
        StylizeConfig.Preset.parse(s.quality()),
        null,
        s.iterations() > 0 ? s.iterations() : null,
        null,
        s.seed(),
        null,
        null,
        null,
        PromptPrefixes.Source.PAPER,
        s.prefixes(),
        s.lambdaGlobal(),
        s.lambdaLocal(),
        s.lambdaTemporal(),
        s.lambdaSparsity(),
        Set.of(),
        false,
        s.stylizeBackground());
  }

  /** Iterations of a preview (one frame, one global and one local view per iteration). */
  public static final int PREVIEW_ITERATIONS = 40;

  /** Side of a preview's views before CLIP's resize, pixels. */
  public static final int PREVIEW_VIEW_SIZE = 64;

  /**
   * The quick draft a render shows while the full stylization runs: the fast texture atlas, {@value
   * #PREVIEW_ITERATIONS} iterations of one frame each (a subset of the clip's frames) with one
   * global and one local view at {@value #PREVIEW_VIEW_SIZE} px, no temporal term (it needs three
   * frames); prompt, prefixes, seed and the other weights as the job's. About 80 CLIP passes
   * instead of the draft preset's 3600 (docs/BENCHMARKS.md, "Preview").
   */
  public static StylizeConfig preview(StyleSettings s, EditableScene scene) {
    return of(s).preview(scene);
  }

  /**
   * The preview of these options: their seed, prefixes, weights and extra terms, the preview's
   * schedule.
   */
  public StylizeConfig preview(EditableScene scene) {
    Set<StylizeLossTerm> off = new java.util.HashSet<>(disabled);
    off.add(StylizeLossTerm.TEMPORAL);
    StylizeConfig c =
        new StylizeOptions(
                StylizeConfig.Preset.DRAFT,
                AtlasMode.FAST,
                PREVIEW_ITERATIONS,
                null,
                seed,
                1,
                1,
                PREVIEW_VIEW_SIZE,
                prefixSource,
                prefixCount,
                lambdaGlobal,
                lambdaLocal,
                lambdaTemporal,
                lambdaSparsity,
                off,
                structure,
                stylizeBackground)
            .resolve(scene);
    return c.withSchedule(c.schedule().withFrames(1));
  }

  /** The configuration for {@code scene}. */
  public StylizeConfig resolve(EditableScene scene) {
    return resolve(scene::supports);
  }

  /**
   * The configuration for a scene that can make the editing atlases {@code supports} accepts (every
   * mode for a learned decomposition).
   */
  public StylizeConfig resolve(java.util.function.Predicate<AtlasMode> supports) {
    StylizeConfig c = StylizeConfig.preset(preset);
    if (atlasMode != null) {
      c = c.withAtlasMode(atlasMode);
    } else if (!supports.test(c.atlasMode())) {
      LOG.warn(
          "this decomposition has no atlas network to fine-tune; using the fast (texture) editing atlas");
      c = c.withAtlasMode(AtlasMode.FAST);
    }
    if (iterations != null) {
      c = c.withSchedule(c.schedule().withIterations(iterations));
    }
    if (learningRate != null) {
      c = c.withSchedule(c.schedule().withLearningRate(learningRate));
    }
    c = c.withSchedule(c.schedule().withSeed(seed));
    if (globalViews != null && localViews != null) {
      c = c.withViews(c.views().withCounts(globalViews, localViews));
    }
    if (viewSize != null) {
      c = c.withViews(c.views().withResolution(viewSize));
    }
    if (prefixSource != null && prefixCount != null) {
      c = c.withPrefixes(prefixSource, prefixCount);
    }
    LossWeights w = c.losses();
    w =
        new LossWeights(
            or(lambdaGlobal, w.global()),
            or(lambdaLocal, w.local()),
            or(lambdaTemporal, w.temporal()),
            or(lambdaSparsity, w.sparsity()),
            w.structure(),
            w.disabled());
    for (StylizeLossTerm d : disabled) {
      w = w.without(d);
    }
    if (structure) {
      w = w.with(StylizeLossTerm.STRUCTURE);
    }
    return c.withLosses(w).withBackgroundStylization(stylizeBackground);
  }

  private static double or(Double v, double fallback) {
    return v != null ? v : fallback;
  }
}
