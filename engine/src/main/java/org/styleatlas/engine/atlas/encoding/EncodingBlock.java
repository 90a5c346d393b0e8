package org.styleatlas.engine.atlas.encoding;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;

/**
 * An input encoding: {@code [N, inputDim]} coordinates in [-1, 1] → {@code [N, outputDim]}
 * features. Every encoding states its dimensions up front, so the MLP behind it can be sized
 * without a dry run.
 */
public abstract class EncodingBlock extends AbstractBlock {
  private final int inputDim;

  protected EncodingBlock(byte version, int inputDim) {
    super(version);
    if (inputDim < 1) {
      throw new IllegalArgumentException(
          "encoding input dimension must be positive, got " + inputDim);
    }
    this.inputDim = inputDim;
  }

  /** Number of input coordinates per point. */
  public final int inputDim() {
    return inputDim;
  }

  /** Number of features per point. */
  public abstract int outputDim();

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outputDim())};
  }
}
