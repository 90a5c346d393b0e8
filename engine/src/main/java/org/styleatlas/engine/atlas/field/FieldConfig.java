package org.styleatlas.engine.atlas.field;

import org.styleatlas.engine.atlas.encoding.EncodingConfig;

/**
 * A neural field: an encoding followed by an MLP.
 *
 * @param encoding how inputs are encoded
 * @param mlp the MLP behind the encoding
 */
public record FieldConfig(EncodingConfig encoding, MlpConfig mlp) {
  public FieldConfig {
    if (encoding == null || mlp == null) {
      throw new IllegalArgumentException("field config needs an encoding and an MLP");
    }
  }
}
