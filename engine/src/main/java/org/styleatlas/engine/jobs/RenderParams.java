package org.styleatlas.engine.jobs;

import java.util.List;
import org.styleatlas.engine.studio.params.EffectParam;

/**
 * Render-time parameters that change neither the decomposition nor the stylized atlas.
 *
 * @param output {@code composite}, {@code foreground}, {@code matte}, {@code reconstruction},
 *     {@code original}
 * @param strength 0 … 1, blend of the original and the stylized foreground colour
 * @param morph 0 … 1, blend from the prompt's stylized atlases (0) to the morph target's (1), in
 *     atlas space
 */
public record RenderParams(String output, double strength, double morph) {
  public static final List<String> OUTPUTS = EffectParam.OUTPUT.wireValues();

  public RenderParams {
    output = output == null ? EffectParam.OUTPUT.defaultWireValue() : output;
    EffectParam.OUTPUT.checkChoice("output", output);
    EffectParam.STRENGTH.check("strength", strength);
    EffectParam.MORPH.check("morph", morph);
  }

  /** Without a morph. */
  public RenderParams(String output, double strength) {
    this(output, strength, 0);
  }
}
