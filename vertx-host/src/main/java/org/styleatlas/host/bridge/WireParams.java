package org.styleatlas.host.bridge;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.jobs.RenderParams;
import org.styleatlas.engine.jobs.StyleSettings;
import org.styleatlas.engine.studio.params.EffectParam;

/**
 * The {@code params} object of a render or frame request (docs/PROTOCOL.md, "Params"); its keys,
 * ranges, choices and defaults are {@link EffectParam}'s wire side. Absent values take the
 * defaults; every value is validated again here, and a bad one is {@code bad-input} naming it.
 */
public record WireParams(
    String prompt,
    String localPrompt,
    String morphTo,
    Double morph,
    String styleImage,
    Integer prefixes,
    String quality,
    Integer iterations,
    Long seed,
    Double strength,
    String output,
    String matteSource,
    List<Double> box,
    Integer boxFrame,
    Double lambdaGlobal,
    Double lambdaLocal,
    Double lambdaTemporal,
    Double lambdaSparsity,
    Boolean stylizeBackground,
    @JsonProperty("wait") Boolean waitForResult,
    Integer maxWaitSeconds) {

  public static final int MAX_WAIT_SECONDS = (int) EffectParam.MAX_WAIT_SECONDS.max();

  public WireParams {
    if (maxWaitSeconds != null) {
      EffectParam.MAX_WAIT_SECONDS.check("maxWaitSeconds", maxWaitSeconds);
    }
  }

  public DecomposeSettings decompose() {
    return new DecomposeSettings(
        matteSource,
        box,
        boxFrame == null ? 0 : (int) EffectParam.BOX_FRAME.check("boxFrame", boxFrame));
  }

  public StyleSettings style() {
    StyleSettings d = StyleSettings.defaults();
    return new StyleSettings(
        prompt,
        localPrompt,
        styleImage,
        or(prefixes, d.prefixes()),
        quality,
        or(iterations, d.iterations()),
        or(seed, d.seed()),
        or(lambdaGlobal, d.lambdaGlobal()),
        or(lambdaLocal, d.lambdaLocal()),
        or(lambdaTemporal, d.lambdaTemporal()),
        or(lambdaSparsity, d.lambdaSparsity()),
        or(stylizeBackground, d.stylizeBackground()));
  }

  public RenderParams render() {
    return new RenderParams(
        output,
        or(strength, EffectParam.STRENGTH.defaultValue()),
        or(morph, EffectParam.MORPH.defaultValue()));
  }

  /** Whether a morph target prompt is given ({@code morphTo} not blank). */
  public boolean hasMorphTarget() {
    return morphTo != null && !morphTo.isBlank();
  }

  /**
   * The stylization settings of the morph target: {@link #style()} with {@code morphTo} as the
   * prompt and no local prompt of its own (the local prompt belongs to the first look).
   *
   * @throws IllegalStateException without a morph target
   */
  public StyleSettings morphStyle() {
    if (!hasMorphTarget()) {
      throw new IllegalStateException("no morph target");
    }
    StyleSettings s = style();
    if (morphTo.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > EffectParam.MAX_PROMPT_BYTES) {
      throw new InputException("morphTo: at most " + EffectParam.MAX_PROMPT_BYTES + " UTF-8 bytes");
    }
    return new StyleSettings(
        morphTo,
        "",
        s.styleImage(),
        s.prefixes(),
        s.quality(),
        s.iterations(),
        s.seed(),
        s.lambdaGlobal(),
        s.lambdaLocal(),
        s.lambdaTemporal(),
        s.lambdaSparsity(),
        s.stylizeBackground());
  }

  /** Render-queue mode: the shim waits for the stylized result, so jobs run at batch priority. */
  public boolean waitMode() {
    return or(waitForResult, EffectParam.WAIT.defaultValue() != 0);
  }

  /** Validates every value at once; throws {@link InputException} naming the first bad one. */
  public WireParams validated() {
    decompose();
    style();
    render();
    if (hasMorphTarget()) {
      morphStyle();
    }
    return this;
  }

  private static <T> T or(T v, T dflt) {
    return v != null ? v : dflt;
  }
}
