package org.styleatlas.engine.atlas.field;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.atlas.encoding.EncodingBlock;
import org.styleatlas.engine.atlas.encoding.HashGridEncoding;

/**
 * encoding → ReLU MLP → activation: {@code [N, inputDim]} in [-1, 1] → {@code [N, outputDim]}.
 *
 * <p>The mapping fields (x, y, t) → (u, v) use {@link OutputActivation#TANH}, the alpha field (x,
 * y, t) → α {@link OutputActivation#OPACITY}, atlas networks (u, v) → RGB {@link
 * OutputActivation#UNIT}.
 */
public final class NeuralField extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int inputDim;
  private final int outputDim;
  private final OutputActivation activation;
  private final EncodingBlock encoding;
  private final SequentialBlock mlp;

  /**
   * @param inputDim coordinates per point
   * @param outputDim values per point
   * @param config encoding and MLP shape
   * @param activation the output squashing
   */
  public NeuralField(int inputDim, int outputDim, FieldConfig config, OutputActivation activation) {
    super(VERSION);
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.activation = activation;
    this.encoding = addChildBlock("encoding", config.encoding().build(inputDim));
    SequentialBlock seq = new SequentialBlock();
    for (int i = 0; i < config.mlp().layers(); i++) {
      seq.add(Linear.builder().setUnits(config.mlp().width()).build()).add(Activation::relu);
    }
    seq.add(Linear.builder().setUnits(outputDim).build());
    this.mlp = addChildBlock("mlp", seq);
  }

  public int inputDim() {
    return inputDim;
  }

  public int outputDim() {
    return outputDim;
  }

  /** Evaluates the field: {@code [N, inputDim]} → {@code [N, outputDim]}. */
  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return forward(ps, new NDList(x), training).singletonOrThrow();
  }

  /** The hash-table parameters of this field (empty unless its encoding is a hash grid). */
  public List<Parameter> tableParameters() {
    List<Parameter> out = new ArrayList<>();
    if (encoding instanceof HashGridEncoding grid) {
      out.add(grid.table());
    }
    return out;
  }

  /** All other parameters (the MLP's weights and biases). */
  public List<Parameter> mlpParameters() {
    List<Parameter> out = new ArrayList<>();
    mlp.getParameters().forEach(p -> out.add(p.getValue()));
    return out;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList features = encoding.forward(ps, inputs, training, params);
    NDArray raw = mlp.forward(ps, features, training, params).singletonOrThrow();
    return new NDList(activation.apply(raw));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoding.initialize(manager, dataType, new Shape(1, inputDim));
    mlp.initialize(manager, dataType, new Shape(1, encoding.outputDim()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outputDim)};
  }
}
