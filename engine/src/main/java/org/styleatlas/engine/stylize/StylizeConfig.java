package org.styleatlas.engine.stylize;

import java.util.Locale;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.loss.LossWeights;
import org.styleatlas.engine.stylize.loss.PromptPrefixes;
import org.styleatlas.engine.stylize.view.ViewConfig;

/**
 * Everything that shapes a stylization run. Built from a {@link Preset} and changed with small
 * {@code with…} overrides; every part validates itself when built.
 *
 * @param atlasMode which copy of the atlas is fine-tuned
 * @param views the augmented views
 * @param losses the weights and switches of the objective
 * @param schedule iterations, frames per step, learning rate and decay
 * @param prefixSource which template list prefix augmentation samples from
 * @param prefixCount with the paper's list: 0 (none), 4 or 8 prefixes
 * @param stylizeBackground whether the background atlas is fine-tuned too, with the same losses
 *     (whole-scene style; beyond the paper)
 */
public record StylizeConfig(
    AtlasMode atlasMode,
    ViewConfig views,
    LossWeights losses,
    StylizeSchedule schedule,
    PromptPrefixes.Source prefixSource,
    int prefixCount,
    boolean stylizeBackground) {

  /** Learning rate of the paper (MLP weights). */
  public static final double FAITHFUL_LEARNING_RATE = 1e-4;

  /**
   * Learning rate of fast mode: texels are free parameters in [0, 1] and need larger Adam steps.
   */
  public static final double FAST_LEARNING_RATE = 5e-3;

  /** Quality presets: the same method, different budgets. */
  public enum Preset {
    /** A quick look: fast mode, few small views, 300 iterations. */
    DRAFT,
    /** The paper's schedule with moderate views. */
    STANDARD,
    /** The paper's schedule with views rendered at CLIP's full 224 pixels. */
    FINAL;

    public static Preset parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InputException(
            "--preset: unknown preset '" + s + "' (valid: draft, standard, final)");
      }
    }
  }

  public StylizeConfig {
    if (prefixCount != 0 && prefixCount != 4 && prefixCount != 8) {
      throw new IllegalArgumentException("prefix count must be 0, 4 or 8, got " + prefixCount);
    }
  }

  /** The configuration of a preset. */
  public static StylizeConfig preset(Preset p) {
    LossWeights paper = LossWeights.paper(1.0, 0.1);
    return switch (p) {
      case DRAFT ->
          new StylizeConfig(
              AtlasMode.FAST,
              ViewConfig.paper(2, 2, 96),
              paper,
              StylizeSchedule.paper(FAST_LEARNING_RATE).withIterations(300),
              PromptPrefixes.Source.PAPER,
              8,
              false);
      case STANDARD ->
          new StylizeConfig(
              AtlasMode.FAITHFUL,
              ViewConfig.paper(3, 3, 160),
              paper,
              StylizeSchedule.paper(FAITHFUL_LEARNING_RATE),
              PromptPrefixes.Source.PAPER,
              8,
              false);
      case FINAL ->
          new StylizeConfig(
              AtlasMode.FAITHFUL,
              ViewConfig.paper(4, 4, 224),
              paper,
              StylizeSchedule.paper(FAITHFUL_LEARNING_RATE),
              PromptPrefixes.Source.PAPER,
              8,
              false);
    };
  }

  /** The prefix templates this configuration samples from. */
  public PromptPrefixes prefixes() {
    return PromptPrefixes.of(prefixSource, prefixCount);
  }

  /** Another atlas mode, with that mode's default learning rate. */
  public StylizeConfig withAtlasMode(AtlasMode mode) {
    double lr = mode == AtlasMode.FAST ? FAST_LEARNING_RATE : FAITHFUL_LEARNING_RATE;
    return new StylizeConfig(
        mode,
        views,
        losses,
        schedule.withLearningRate(lr),
        prefixSource,
        prefixCount,
        stylizeBackground);
  }

  public StylizeConfig withViews(ViewConfig v) {
    return new StylizeConfig(
        atlasMode, v, losses, schedule, prefixSource, prefixCount, stylizeBackground);
  }

  public StylizeConfig withLosses(LossWeights l) {
    return new StylizeConfig(
        atlasMode, views, l, schedule, prefixSource, prefixCount, stylizeBackground);
  }

  public StylizeConfig withSchedule(StylizeSchedule s) {
    return new StylizeConfig(
        atlasMode, views, losses, s, prefixSource, prefixCount, stylizeBackground);
  }

  public StylizeConfig withPrefixes(PromptPrefixes.Source source, int count) {
    return new StylizeConfig(atlasMode, views, losses, schedule, source, count, stylizeBackground);
  }

  public StylizeConfig withBackgroundStylization(boolean on) {
    return new StylizeConfig(atlasMode, views, losses, schedule, prefixSource, prefixCount, on);
  }
}
