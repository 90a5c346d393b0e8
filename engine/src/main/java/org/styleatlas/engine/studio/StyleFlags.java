package org.styleatlas.engine.studio;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.pipeline.StylizeOptions;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.loss.PromptPrefixes;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;
import org.styleatlas.engine.stylize.scene.EditableScene;

/**
 * The fine-tuning settings as the CLI's flags give them; null keeps the preset's value. Validated
 * when resolved; a bad value is an {@link InputException} naming its flag.
 *
 * @param preset {@code draft}, {@code standard} or {@code final}
 * @param atlasMode {@code faithful} or {@code fast}, or null
 * @param iterations fine-tuning iterations, ≥ 1, or null
 * @param learningRate in (0, 1), or null
 * @param views global and local views per frame, or null
 * @param viewSize 8 … 1024, or null
 * @param prefixes 0, 4 or 8 prompt prefixes, or null
 * @param text2livePrefixes sample Text2LIVE's templates instead of the paper's prefixes
 * @param disabled loss terms switched off ({@code global}, {@code local}, {@code temporal}, {@code
 *     sparsity})
 * @param lambdaTemporal weight of the temporal term, ≥ 0, or null
 * @param lambdaSparsity weight of the sparsity term, ≥ 0, or null
 * @param structure whether Text2LIVE's structure term is on
 * @param stylizeBackground whether the background atlas is fine-tuned too
 * @param seed seed of frames, views and prefixes
 */
public record StyleFlags(
    String preset,
    String atlasMode,
    Integer iterations,
    Double learningRate,
    List<Integer> views,
    Integer viewSize,
    Integer prefixes,
    boolean text2livePrefixes,
    List<String> disabled,
    Double lambdaTemporal,
    Double lambdaSparsity,
    boolean structure,
    boolean stylizeBackground,
    long seed) {
  public StyleFlags {
    preset = preset == null ? "standard" : preset;
    disabled = disabled == null ? List.of() : List.copyOf(disabled);
  }

  /** The configuration for {@code scene}. */
  StylizeConfig resolve(EditableScene scene) {
    return options().resolve(scene);
  }

  /**
   * The quick preview of these settings for {@code scene}, as the host trains it before the full
   * result ({@link StylizeOptions#preview}): seed, prefixes and weights as here, the preview's
   * schedule.
   */
  StylizeConfig resolvePreview(EditableScene scene) {
    return options().preview(scene);
  }

  /** The validated options. */
  private StylizeOptions options() {
    require(iterations == null || iterations >= 1, "--iterations: must be at least 1");
    require(
        learningRate == null || learningRate > 0 && learningRate < 1, "--lr: must be in (0, 1)");
    require(
        views == null
            || views.size() == 2
                && views.get(0) >= 0
                && views.get(1) >= 0
                && views.get(0) + views.get(1) > 0,
        "--views: give G,L with G + L ≥ 1");
    require(
        viewSize == null || viewSize >= 8 && viewSize <= 1024, "--view-size: must be in 8..1024");
    Integer prefixCount = prefixes == null && text2livePrefixes ? Integer.valueOf(8) : prefixes;
    require(
        prefixCount == null || prefixCount == 0 || prefixCount == 4 || prefixCount == 8,
        "--prefixes: must be 0, 4 or 8");
    require(
        (lambdaTemporal == null || lambdaTemporal >= 0)
            && (lambdaSparsity == null || lambdaSparsity >= 0),
        "--lambda-*: weights must be ≥ 0");
    Set<StylizeLossTerm> off = EnumSet.noneOf(StylizeLossTerm.class);
    disabled.forEach(d -> off.add(StylizeLossTerm.parse(d)));
    return new StylizeOptions(
        StylizeConfig.Preset.parse(preset),
        atlasMode == null ? null : AtlasMode.parse(atlasMode),
        iterations,
        learningRate,
        seed,
        views == null ? null : views.get(0),
        views == null ? null : views.get(1),
        viewSize,
        text2livePrefixes ? PromptPrefixes.Source.TEXT2LIVE : PromptPrefixes.Source.PAPER,
        prefixCount,
        null,
        null,
        lambdaTemporal,
        lambdaSparsity,
        off,
        structure,
        stylizeBackground);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new InputException(message);
    }
  }
}
