package org.styleatlas.engine.jobs;

import java.util.List;
import org.styleatlas.engine.InputException;


/**
 * Render-time parameters that change neither the decomposition nor the stylized atlas.
 *
 * @param output {@code composite}, {@code foreground}, {@code matte}, {@code reconstruction}, {@code original}
 * @param strength 0 … 1, blend of the original and the stylized foreground colour
 * @param morph 0 … 1, blend from the prompt's stylized atlases (0) to the morph target's (1), in atlas space
 */
public record RenderParams(String output, double strength, double morph) {
  public static final List<String> OUTPUTS = List.of("composite", "foreground", "matte", "reconstruction", "original");

  public RenderParams {
    output = output == null ? "composite" : output;
    if (!OUTPUTS.contains(output)) {
      throw new InputException("output: must be one of " + OUTPUTS + ", got '" + output + "'");
    }
    if (!(strength >= 0 && strength <= 1)) {
      throw new InputException("strength: must lie in 0 … 1, got " + strength);
    }
    if (!(morph >= 0 && morph <= 1)) {
      throw new InputException("morph: must lie in 0 … 1, got " + morph);
    }
  }

  /** Without a morph. */
  public RenderParams(String output, double strength) {
    this(output, strength, 0);
  }
}
