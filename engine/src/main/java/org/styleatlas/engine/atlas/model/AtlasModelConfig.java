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
 * @param backgroundResidual a colour residual of the background over (x, y, t), or null for none
 *     (NLA's model)
 */
public record AtlasModelConfig(
    FieldConfig mappingForeground,
    FieldConfig mappingBackground,
    FieldConfig alpha,
    FieldConfig atlas,
    boolean sharedAtlas,
    BackgroundResidualConfig backgroundResidual) {
  public AtlasModelConfig {
    if (mappingForeground == null || mappingBackground == null || alpha == null || atlas == null) {
      throw new IllegalArgumentException("atlas model config needs all four field configs");
    }
  }

  /** Without a background residual (NLA's model). */
  public AtlasModelConfig(
      FieldConfig mappingForeground,
      FieldConfig mappingBackground,
      FieldConfig alpha,
      FieldConfig atlas,
      boolean sharedAtlas) {
    this(mappingForeground, mappingBackground, alpha, atlas, sharedAtlas, null);
  }

  /** This config with {@code residual} as the background's colour residual (null: none). */
  public AtlasModelConfig withBackgroundResidual(BackgroundResidualConfig residual) {
    return new AtlasModelConfig(
        mappingForeground, mappingBackground, alpha, atlas, sharedAtlas, residual);
  }

  /** This config with both mappings' residual grids set to {@code grid} (null: none). */
  public AtlasModelConfig withMappingResidual(
      org.styleatlas.engine.atlas.encoding.EncodingConfig.HashGrid grid) {
    return new AtlasModelConfig(
        mappingForeground.withResidual(grid),
        mappingBackground.withResidual(grid),
        alpha,
        atlas,
        sharedAtlas,
        backgroundResidual);
  }

  /**
   * Without a background residual the text is the earlier one, so existing cache keys (which hash
   * the fingerprint that holds it) do not change.
   */
  @Override
  public String toString() {
    String base =
        "AtlasModelConfig[mappingForeground="
            + mappingForeground
            + ", mappingBackground="
            + mappingBackground
            + ", alpha="
            + alpha
            + ", atlas="
            + atlas
            + ", sharedAtlas="
            + sharedAtlas;
    return backgroundResidual == null
        ? base + "]"
        : base + ", backgroundResidual=" + backgroundResidual + "]";
  }

  /** This config with the α field's encoding replaced. */
  public AtlasModelConfig withAlphaEncoding(
      org.styleatlas.engine.atlas.encoding.EncodingConfig encoding) {
    return new AtlasModelConfig(
        mappingForeground,
        mappingBackground,
        new FieldConfig(encoding, alpha.mlp()),
        atlas,
        sharedAtlas,
        backgroundResidual);
  }
}
