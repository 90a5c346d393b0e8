package org.styleatlas.engine.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.styleatlas.engine.InputException;


/**
 * The parameters that change a stylized atlas (see docs/PROTOCOL.md, "Params"). Validated when built;
 * a bad value is an {@link InputException} naming the parameter.
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
  public static final int MAX_PROMPT_BYTES = 1000;
  public static final List<Integer> PREFIX_COUNTS = List.of(0, 4, 8);
  public static final List<String> QUALITIES = List.of("draft", "standard", "final");
  public static final int MAX_ITERATIONS = 100_000;

  public StyleSettings {
    prompt = prompt == null ? "" : prompt;
    localPrompt = localPrompt == null ? "" : localPrompt;
    styleImage = styleImage == null ? "" : styleImage;
    quality = quality == null ? "standard" : quality;
    promptLength("prompt", prompt);
    promptLength("localPrompt", localPrompt);
    if (!styleImage.isEmpty() && !SafePaths.isAbsoluteNormal(styleImage)) {
      throw new InputException("styleImage: must be an absolute path without '..', got '" + styleImage + "'");
    }
    if (!PREFIX_COUNTS.contains(prefixes)) {
      throw new InputException("prefixes: must be one of " + PREFIX_COUNTS + ", got " + prefixes);
    }
    if (!QUALITIES.contains(quality)) {
      throw new InputException("quality: must be one of " + QUALITIES + ", got '" + quality + "'");
    }
    if (iterations < 0 || iterations > MAX_ITERATIONS) {
      throw new InputException("iterations: must lie in 0 … " + MAX_ITERATIONS + ", got " + iterations);
    }
    if (seed < 0) {
      throw new InputException("seed: must be ≥ 0, got " + seed);
    }
    weight("lambdaGlobal", lambdaGlobal);
    weight("lambdaLocal", lambdaLocal);
    weight("lambdaTemporal", lambdaTemporal);
    weight("lambdaSparsity", lambdaSparsity);
  }

  /** The settings of an unstyled clip: empty prompt, presets everywhere. */
  public static StyleSettings defaults() {
    return new StyleSettings("", "", "", 4, "standard", 0, 0, 1, 1, 1, 1, false);
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

  private static void weight(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new InputException(name + ": must be a finite number ≥ 0, got " + v);
    }
  }
}
