package org.styleatlas.engine.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.studio.params.EffectParam;

/**
 * The parameters that change a stylized atlas (see docs/PROTOCOL.md, "Params"). Validated when
 * built; a bad value is an {@link InputException} naming the parameter.
 */
public record StyleSettings(
    String prompt,
    String localPrompt,
    String styleImage,
    int prefixes,
    String quality,
    int iterations,
    long seed,
    double lambdaGlobal,
    double lambdaLocal,
    double lambdaTemporal,
    double lambdaSparsity,
    boolean stylizeBackground) {
  public static final int MAX_PROMPT_BYTES = EffectParam.MAX_PROMPT_BYTES;
  public static final List<Integer> PREFIX_COUNTS = EffectParam.PREFIXES.wireIntegers();
  public static final List<String> QUALITIES = EffectParam.QUALITY.wireValues();
  public static final int MAX_ITERATIONS = (int) EffectParam.ITERATIONS.max();

  public StyleSettings {
    prompt = prompt == null ? "" : prompt;
    localPrompt = localPrompt == null ? "" : localPrompt;
    styleImage = styleImage == null ? "" : styleImage;
    quality = quality == null ? EffectParam.QUALITY.defaultWireValue() : quality;
    promptLength("prompt", prompt);
    promptLength("localPrompt", localPrompt);
    if (!styleImage.isEmpty() && !SafePaths.isAbsoluteNormal(styleImage)) {
      throw new InputException(
          "styleImage: must be an absolute path without '..', got '" + styleImage + "'");
    }
    if (!PREFIX_COUNTS.contains(prefixes)) {
      throw new InputException("prefixes: must be one of " + PREFIX_COUNTS + ", got " + prefixes);
    }
    EffectParam.QUALITY.checkChoice("quality", quality);
    EffectParam.ITERATIONS.check("iterations", iterations);
    EffectParam.SEED.check("seed", seed);
    EffectParam.LAMBDA_GLOBAL.check("lambdaGlobal", lambdaGlobal);
    EffectParam.LAMBDA_LOCAL.check("lambdaLocal", lambdaLocal);
    EffectParam.LAMBDA_TEMPORAL.check("lambdaTemporal", lambdaTemporal);
    EffectParam.LAMBDA_SPARSITY.check("lambdaSparsity", lambdaSparsity);
  }

  /**
   * The settings of an unstyled clip: empty prompt, the plug-in's defaults ({@link EffectParam})
   * everywhere.
   */
  public static StyleSettings defaults() {
    return new StyleSettings(
        "",
        "",
        "",
        EffectParam.PREFIXES.wireIntegers().get((int) EffectParam.PREFIXES.defaultValue()),
        EffectParam.QUALITY.defaultWireValue(),
        (int) EffectParam.ITERATIONS.defaultValue(),
        (long) EffectParam.SEED.defaultValue(),
        EffectParam.LAMBDA_GLOBAL.defaultValue(),
        EffectParam.LAMBDA_LOCAL.defaultValue(),
        EffectParam.LAMBDA_TEMPORAL.defaultValue(),
        EffectParam.LAMBDA_SPARSITY.defaultValue(),
        EffectParam.STYLIZE_BACKGROUND.defaultValue() != 0);
  }

  /** Whether there is anything to stylize towards. */
  public boolean hasPrompt() {
    return !prompt.isBlank();
  }

  /** The style image as a path, or null. */
  public Path styleImagePath() {
    return styleImage.isEmpty() ? null : Path.of(styleImage);
  }

  private static void promptLength(String name, String value) {
    int n = value.getBytes(StandardCharsets.UTF_8).length;
    if (n > MAX_PROMPT_BYTES) {
      throw new InputException(name + ": at most " + MAX_PROMPT_BYTES + " UTF-8 bytes, got " + n);
    }
  }
}
