package org.styleatlas.engine.atlas.encoding;


/**
 * How coordinates are encoded before an MLP; each variant builds its {@link EncodingBlock}.
 */
public sealed interface EncodingConfig
    permits EncodingConfig.None, EncodingConfig.Positional, EncodingConfig.HashGrid {

  /** Builds the encoding for points of {@code inputDim} coordinates. */
  EncodingBlock build(int inputDim);

  /** Whether the encoding has trainable parameters (a hash table); they get their own learning rate. */
  default boolean hasTable() {
    return false;
  }

  /** The raw coordinates. */
  record None() implements EncodingConfig {
    @Override
    public EncodingBlock build(int inputDim) {
      return new IdentityEncoding(inputDim);
    }
  }

  /** NLA's sin/cos encoding with {@code frequencies} octaves. */
  record Positional(int frequencies) implements EncodingConfig {
    public Positional {
      if (frequencies < 1) {
        throw new IllegalArgumentException("positional encoding frequencies must be ≥ 1, got " + frequencies);
      }
    }

    @Override
    public EncodingBlock build(int inputDim) {
      return new PositionalEncoding(inputDim, frequencies);
    }
  }

  /**
   * An Instant-NGP hash grid.
   *
   * @param levels number of levels
   * @param features features per level
   * @param log2TableSize log2 of the rows per level
   * @param baseResolution cells per axis at the coarsest level
   * @param growth resolution factor between levels
   */
  record HashGrid(int levels, int features, int log2TableSize, double baseResolution, double growth)
      implements EncodingConfig {
    public HashGrid {
      if (levels < 1 || features < 1 || log2TableSize < 4 || log2TableSize > 26 || baseResolution < 1
          || growth < 1) {
        throw new IllegalArgumentException(String.format(
            "bad hash grid: levels=%d features=%d log2T=%d base=%.3f growth=%.3f", levels, features,
            log2TableSize, baseResolution, growth));
      }
    }

    /** Hashing-NVD's atlas setting: 16 levels × 2 features, 2^15 rows, base 16, growth 1.25. */
    public static HashGrid hashingNvd() {
      return new HashGrid(16, 2, 15, 16, 1.25);
    }

    @Override
    public EncodingBlock build(int inputDim) {
      return new HashGridEncoding(inputDim, this);
    }

    @Override
    public boolean hasTable() {
      return true;
    }
  }
}
