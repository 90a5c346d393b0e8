package org.styleatlas.engine.studio.params;

import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.InputException;

/**
 * The one definition of the StyleAtlas effect's parameters: the OpenFX parameter (name, type,
 * default, range, choices, whether hosts animate it), the key it travels under in a request's
 * {@code params} (docs/PROTOCOL.md) and the CLI option that sets the same value. The wire records
 * ({@code jobs.StyleSettings}, {@code RenderParams}, {@code DecomposeSettings}, the host's {@code
 * WireParams}) and the CLI take their ranges, choices and defaults from here; the C shim keeps its
 * own table ({@code ofx-bridge/src/main/c/ params.c}), which {@code ParameterSchemaTest} checks
 * against this one through the built plug-in.
 *
 * <p>Defaults are the plug-in's. A request without a key takes the same default, except {@code
 * matteSource}, which is {@code clip} on the wire (an HTTP job's matte is its matte file).
 */
public enum EffectParam {
  PROMPT(Kind.STRING, "globalPrompt", "prompt", "--prompt", true, false),
  LOCAL_PROMPT(Kind.STRING, "localPrompt", "localPrompt", "--local", true, false),
  MORPH_TO(Kind.STRING, "morphTo", "morphTo", "--prompts", true, false),
  MORPH(Kind.DOUBLE, "morph", "morph", "--prompts", true, false, 0, 0, 1),
  STYLE_IMAGE(Kind.STRING, "styleImage", "styleImage", "--style-image", false, false),
  PREFIXES(
      Kind.CHOICE,
      "prefixes",
      "prefixes",
      "--prefixes",
      List.of("0", "4", "8"),
      List.of("0", "4", "8"),
      1),
  QUALITY(
      Kind.CHOICE,
      "quality",
      "quality",
      "--preset",
      List.of("Draft", "Standard", "Final"),
      List.of("draft", "standard", "final"),
      1),
  ITERATIONS(Kind.INTEGER, "iterations", "iterations", "--iterations", false, false, 0, 0, 100_000),
  SEED(Kind.INTEGER, "seed", "seed", "--seed", false, false, 0, 0, Integer.MAX_VALUE),
  STRENGTH(Kind.DOUBLE, "strength", "strength", "--strength", true, false, 1, 0, 1),
  OUTPUT(
      Kind.CHOICE,
      "output",
      "output",
      "--output-mode",
      List.of("Composite", "Foreground layer", "Matte", "Full reconstruction", "Original"),
      List.of("composite", "foreground", "matte", "reconstruction", "original"),
      0),
  MATTE_SOURCE(
      Kind.CHOICE,
      "matteSource",
      "matteSource",
      "--matte",
      List.of("Matte clip", "Source alpha", "Box"),
      List.of("clip", "alpha", "box"),
      1),
  BOX_TOP_LEFT(Kind.DOUBLE_2D, "boxTopLeft", "box", null, false, false, 0.25, 0, 1),
  BOX_BOTTOM_RIGHT(Kind.DOUBLE_2D, "boxBottomRight", "box", null, false, false, 0.75, 0, 1),
  /** The frame (0-based) the box is drawn on; the CLI's {@code --box …@frame}. */
  BOX_FRAME(Kind.INTEGER, "boxFrame", "boxFrame", null, false, false, 0, 0, 1_000_000),
  CLIP_LENGTH(Kind.INTEGER, "clipLength", null, null, false, false, 0, 0, 1_000_000),
  WAIT(Kind.BOOLEAN, "wait", "wait", null, false, false, 0, 0, 1),
  MAX_WAIT_SECONDS(
      Kind.INTEGER, "maxWaitSeconds", "maxWaitSeconds", null, false, false, 3600, 1, 86_400),
  STATUS(Kind.STRING, "status", null, null, false, false),
  LAMBDA_GLOBAL(Kind.DOUBLE, "lambdaGlobal", "lambdaGlobal", null, false, true, 1, 0, 100),
  LAMBDA_LOCAL(Kind.DOUBLE, "lambdaLocal", "lambdaLocal", null, false, true, 1, 0, 100),
  LAMBDA_TEMPORAL(
      Kind.DOUBLE, "lambdaTemporal", "lambdaTemporal", "--lambda-temporal", false, true, 1, 0, 100),
  LAMBDA_SPARSITY(
      Kind.DOUBLE,
      "lambdaSparsity",
      "lambdaSparsity",
      "--lambda-sparsity",
      false,
      true,
      0.5,
      0,
      100),
  STYLIZE_BACKGROUND(
      Kind.BOOLEAN,
      "stylizeBackground",
      "stylizeBackground",
      "--stylize-background",
      false,
      true,
      0,
      0,
      1),
  ENGINE_ADDRESS(Kind.STRING, "engineAddress", null, null, false, true);

  /** Longest prompt, in UTF-8 bytes (the shim's {@code PROMPT_MAX_BYTES}). */
  public static final int MAX_PROMPT_BYTES = 1000;

  /** The OpenFX parameter types used ({@code kOfxParamType…}). */
  public enum Kind {
    STRING("OfxParamTypeString"),
    INTEGER("OfxParamTypeInteger"),
    DOUBLE("OfxParamTypeDouble"),
    DOUBLE_2D("OfxParamTypeDouble2D"),
    BOOLEAN("OfxParamTypeBoolean"),
    CHOICE("OfxParamTypeChoice");

    private final String ofx;

    Kind(String ofx) {
      this.ofx = ofx;
    }

    /** The OpenFX type name. */
    public String ofx() {
      return ofx;
    }
  }

  private final Kind kind;
  private final String ofxName;
  private final String wireKey;
  private final String cliOption;
  private final boolean animates;
  private final boolean advanced;
  private final double defaultValue;
  private final double min;
  private final double max;
  private final List<String> labels;
  private final List<String> wireValues;

  EffectParam(
      Kind kind,
      String ofxName,
      String wireKey,
      String cliOption,
      boolean animates,
      boolean advanced) {
    this(kind, ofxName, wireKey, cliOption, animates, advanced, 0, 0, 0, List.of(), List.of());
  }

  EffectParam(
      Kind kind,
      String ofxName,
      String wireKey,
      String cliOption,
      boolean animates,
      boolean advanced,
      double defaultValue,
      double min,
      double max) {
    this(
        kind,
        ofxName,
        wireKey,
        cliOption,
        animates,
        advanced,
        defaultValue,
        min,
        max,
        List.of(),
        List.of());
  }

  EffectParam(
      Kind kind,
      String ofxName,
      String wireKey,
      String cliOption,
      List<String> labels,
      List<String> wireValues,
      int defaultIndex) {
    this(
        kind,
        ofxName,
        wireKey,
        cliOption,
        false,
        false,
        defaultIndex,
        0,
        labels.size() - 1,
        labels,
        wireValues);
  }

  EffectParam(
      Kind kind,
      String ofxName,
      String wireKey,
      String cliOption,
      boolean animates,
      boolean advanced,
      double defaultValue,
      double min,
      double max,
      List<String> labels,
      List<String> wireValues) {
    this.kind = kind;
    this.ofxName = ofxName;
    this.wireKey = wireKey;
    this.cliOption = cliOption;
    this.animates = animates;
    this.advanced = advanced;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.labels = labels;
    this.wireValues = wireValues;
  }

  public Kind kind() {
    return kind;
  }

  /** The OpenFX parameter's name (its script name). */
  public String ofxName() {
    return ofxName;
  }

  /**
   * The key in a request's {@code params}; empty for parameters the shim keeps to itself ({@code
   * status}, {@code engineAddress}) or sends at the request's top level ({@code clipLength}). Both
   * box corners travel in one {@code box} array: x0, y0, x1, y1.
   */
  public Optional<String> wireKey() {
    return Optional.ofNullable(wireKey);
  }

  /** The CLI option that sets the same value, if any. */
  public Optional<String> cliOption() {
    return Optional.ofNullable(cliOption);
  }

  /** Whether hosts may keyframe it (strings then step between keys; doubles interpolate). */
  public boolean animates() {
    return animates;
  }

  /** On the plug-in's Advanced page. */
  public boolean advanced() {
    return advanced;
  }

  /**
   * The default: the number, the choice's index, 0/1 for booleans; each component of a 2D param.
   */
  public double defaultValue() {
    return defaultValue;
  }

  /** The smallest value (numbers; a choice's first index). */
  public double min() {
    return min;
  }

  /** The largest value (numbers; a choice's last index). */
  public double max() {
    return max;
  }

  /** A choice's labels, as the host shows them; empty for other kinds. */
  public List<String> labels() {
    return labels;
  }

  /** A choice's values on the wire, in the labels' order; empty for other kinds. */
  public List<String> wireValues() {
    return wireValues;
  }

  /** The wire value of the default choice. */
  public String defaultWireValue() {
    return wireValues.get((int) defaultValue);
  }

  /** The wire values as numbers (for {@link #PREFIXES}). */
  public List<Integer> wireIntegers() {
    return wireValues.stream().map(Integer::valueOf).toList();
  }

  /**
   * Checks that a number lies in {@link #min()} … {@link #max()}.
   *
   * @param name how the value is named in the message (the wire key or a CLI option)
   * @throws InputException naming it when not (NaN included)
   */
  public double check(String name, double value) {
    if (!(value >= min && value <= max)) {
      throw new InputException(
          name + ": must lie in " + format(min) + " … " + format(max) + ", got " + format(value));
    }
    return value;
  }

  /** Checks that a wire value is one of {@link #wireValues()}, naming {@code name} when not. */
  public String checkChoice(String name, String value) {
    if (!wireValues.contains(value)) {
      throw new InputException(name + ": must be one of " + wireValues + ", got '" + value + "'");
    }
    return value;
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
