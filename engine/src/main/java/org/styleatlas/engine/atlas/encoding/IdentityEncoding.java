package org.styleatlas.engine.atlas.encoding;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** No encoding: {@code [N, D]} → the same {@code [N, D]}. NLA's mapping networks use it. */
public final class IdentityEncoding extends EncodingBlock {
  private static final byte VERSION = 1;

  public IdentityEncoding(int inputDim) {
    super(VERSION, inputDim);
  }

  @Override
  public int outputDim() {
    return inputDim();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(inputs.singletonOrThrow());
  }
}
