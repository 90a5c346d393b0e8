package org.styleatlas.engine.atlas.field;

import org.styleatlas.engine.atlas.encoding.EncodingConfig;

/**
 * A neural field: an encoding followed by an MLP, optionally plus a fine residual.
 *
 * @param encoding how inputs are encoded
 * @param mlp the MLP behind the encoding
 * @param residual a multi-resolution grid whose features, summed over its levels, are added to the
 *     MLP's output before the activation (its features per level must equal the field's outputs),
 *     or null for none: the coarse MLP keeps the smooth part and the grid adds local, non-rigid
 *     detail (issue #17)
 */
public record FieldConfig(
    EncodingConfig encoding, MlpConfig mlp, EncodingConfig.HashGrid residual) {
  public FieldConfig {
    if (encoding == null || mlp == null) {
      throw new IllegalArgumentException("field config needs an encoding and an MLP");
    }
  }

  /** A field without a residual. */
  public FieldConfig(EncodingConfig encoding, MlpConfig mlp) {
    this(encoding, mlp, null);
  }

  /** This field with {@code grid} as its residual (null: none). */
  public FieldConfig withResidual(EncodingConfig.HashGrid grid) {
    return new FieldConfig(encoding, mlp, grid);
  }

  /** Without a residual the text is the earlier one, so existing cache keys do not change. */
  @Override
  public String toString() {
    String base = "FieldConfig[encoding=" + encoding + ", mlp=" + mlp;
    return residual == null ? base + "]" : base + ", residual=" + residual + "]";
  }
}
