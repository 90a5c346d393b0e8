package org.styleatlas.engine.atlas.encoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * NLA's positional encoding: {@code [N, D]} → {@code [N, 2·D·F]}, the sines then the cosines of
 * b·2^j·π·x for j = 0 … F−1 (NLA: b = 1; see {@link EncodingConfig.Positional} for why b = ½),
 * grouped by frequency as in NLA ({@code sin(b_0 x_0), sin(b_0 x_1), …}). The raw coordinates are
 * not appended (NLA does not either). No parameters.
 */
public final class PositionalEncoding extends EncodingBlock {
  private static final byte VERSION = 1;
  private final int frequencies;
  private final double lowest;

  /**
   * @param inputDim coordinates per point
   * @param frequencies number of octaves F, at least 1
   */
  public PositionalEncoding(int inputDim, int frequencies) {
    this(inputDim, frequencies, 1);
  }

  /**
   * @param inputDim coordinates per point
   * @param frequencies number of octaves F, at least 1
   * @param lowest the lowest frequency in units of π: octaves are lowest·2^j·π (NLA: 1)
   */
  public PositionalEncoding(int inputDim, int frequencies, double lowest) {
    super(VERSION, inputDim);
    this.lowest = lowest;
    if (frequencies < 1) {
      throw new IllegalArgumentException(
          "positional encoding needs at least one frequency, got " + frequencies);
    }
    this.frequencies = frequencies;
  }

  public int frequencies() {
    return frequencies;
  }

  @Override
  public int outputDim() {
    return 2 * inputDim() * frequencies;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDManager m = x.getManager();
    float[] b = new float[frequencies];
    for (int j = 0; j < frequencies; j++) {
      b[j] = (float) (lowest * Math.pow(2, j) * Math.PI);
    }
    // [N, 1, D] * [1, F, 1] -> [N, F, D] -> [N, F*D]
    NDArray freqs = m.create(b).toDevice(x.getDevice(), false).reshape(1, frequencies, 1);
    NDArray arg =
        x.expandDims(1).mul(freqs).reshape(x.getShape().get(0), (long) frequencies * inputDim());
    return new NDList(arg.sin().concat(arg.cos(), 1));
  }
}
