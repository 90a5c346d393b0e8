package org.styleatlas.engine.atlas.model;

import org.styleatlas.engine.atlas.field.FieldConfig;

/**
 * The networks of a two-layer atlas model.
 *
 * @param mappingForeground M_f: (x, y, t) → (u_f, v_f)
 * @param mappingBackground M_b: (x, y, t) → (u_b, v_b)
 * @param alpha M_α: (x, y, t) → α
 * @param atlas A: (u, v) → RGB
 * @param sharedAtlas true: one atlas network, the foreground read at uv·0.5+0.5 and the background
 *     at uv·0.5−0.5 (NLA); false: one network per layer, each read at uv
 */
public record AtlasModelConfig(
    FieldConfig mappingForeground,
    FieldConfig mappingBackground,
    FieldConfig alpha,
    FieldConfig atlas,
    boolean sharedAtlas) {
  public AtlasModelConfig {
    if (mappingForeground == null || mappingBackground == null || alpha == null || atlas == null) {
      throw new IllegalArgumentException("atlas model config needs all four field configs");
    }
  }

  /** This config with the α field's encoding replaced. */
  public AtlasModelConfig withAlphaEncoding(
      org.styleatlas.engine.atlas.encoding.EncodingConfig encoding) {
    return new AtlasModelConfig(
        mappingForeground,
        mappingBackground,
        new FieldConfig(encoding, alpha.mlp()),
        atlas,
        sharedAtlas);
  }
}
