package org.styleatlas.engine.atlas.encoding;

/** How coordinates are encoded before an MLP; each variant builds its {@link EncodingBlock}. */
public sealed interface EncodingConfig
    permits EncodingConfig.None, EncodingConfig.Positional, EncodingConfig.HashGrid {

  /** Builds the encoding for points of {@code inputDim} coordinates. */
  EncodingBlock build(int inputDim);

  /**
   * Whether the encoding has trainable parameters (a hash table); they get their own learning rate.
   */
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

  /**
   * NLA's sin/cos encoding with {@code frequencies} octaves starting at {@code lowest}·π.
   *
   * <p>With NLA's lowest octave (1·π) the encoding has period 2, the length of the coordinate range
   * [−1, 1]: the first and last frame (t = −1 and t = +1) encode identically, and the left and
   * right columns nearly so, so an α network reading it cannot tell the clip's first frame from its
   * last. A lowest octave of ½·π is one-to-one on [−1, 1] ({@link #injective}).
   *
   * @param frequencies number of octaves
   * @param lowest the lowest frequency in units of π (NLA: 1)
   */
  record Positional(int frequencies, double lowest) implements EncodingConfig {
    public Positional {
      if (frequencies < 1) {
        throw new IllegalArgumentException(
            "positional encoding frequencies must be ≥ 1, got " + frequencies);
      }
      if (!(lowest > 0) || !Double.isFinite(lowest)) {
        throw new IllegalArgumentException(
            "positional encoding's lowest frequency must be positive, got " + lowest);
      }
    }

    /** NLA's encoding: octaves 2^j·π, j = 0 … frequencies − 1. */
    public Positional(int frequencies) {
      this(frequencies, 1);
    }

    /**
     * One octave below NLA's and the same highest one: 2^j·π/2, j = 0 … highestOctave + 1,
     * one-to-one on [−1, 1].
     *
     * @param nlaFrequencies the NLA encoding whose highest octave is kept
     */
    public static Positional injective(int nlaFrequencies) {
      return new Positional(nlaFrequencies + 1, 0.5);
    }

    @Override
    public EncodingBlock build(int inputDim) {
      return new PositionalEncoding(inputDim, frequencies, lowest);
    }

    /** NLA's form keeps its old text, so cache keys of configs that use it do not change. */
    @Override
    public String toString() {
      return lowest == 1
          ? "Positional[frequencies=" + frequencies + "]"
          : "Positional[frequencies=" + frequencies + ", lowest=" + lowest + "]";
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
      if (levels < 1
          || features < 1
          || log2TableSize < 4
          || log2TableSize > 26
          || baseResolution < 1
          || growth < 1) {
        throw new IllegalArgumentException(
            String.format(
                "bad hash grid: levels=%d features=%d log2T=%d base=%.3f growth=%.3f",
                levels, features, log2TableSize, baseResolution, growth));
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
