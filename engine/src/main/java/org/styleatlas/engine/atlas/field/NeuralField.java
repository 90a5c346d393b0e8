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
import org.styleatlas.engine.runtime.Scalars;

/**
 * encoding → ReLU MLP (+ the summed levels of an optional residual grid) → activation: {@code [N,
 * inputDim]} in [-1, 1] → {@code [N, outputDim]}.
 *
 * <p>The mapping fields (x, y, t) → (u, v) use {@link OutputActivation#TANH}, the alpha field (x,
 * y, t) → α {@link OutputActivation#OPACITY}, atlas networks (u, v) → RGB {@link
 * OutputActivation#UNIT}.
 */
public final class NeuralField extends AbstractBlock {
  private static final byte VERSION = 1;

  /**
   * Factor on the residual grid's summed features: its table learns at the tables' rate (1e-2 in
   * fast), a step of ~1e-2 per vertex, ~2 px of u or v at 384 px; scaled, ~0.2 px per step.
   */
  public static final float RESIDUAL_SCALE = 0.1f;

  private final int inputDim;
  private final int outputDim;
  private final OutputActivation activation;
  private final EncodingBlock encoding;
  private final SequentialBlock mlp;
  private final HashGridEncoding residual;

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
    if (config.residual() != null && config.residual().features() != outputDim) {
      throw new IllegalArgumentException(
          "a residual grid needs "
              + outputDim
              + " features per level (one per output), got "
              + config.residual().features());
    }
    this.residual =
        config.residual() == null
            ? null
            : addChildBlock("residual", new HashGridEncoding(inputDim, config.residual()));
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
    if (residual != null) {
      out.add(residual.table());
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
    if (residual != null) {
      // [N, L·F] → [N, L, F] → Σ over levels: [N, outputDim]
      NDArray fine = residual.forward(ps, inputs, training, params).singletonOrThrow();
      NDArray summed = fine.reshape(fine.getShape().get(0), -1, outputDim).sum(new int[] {1});
      raw = raw.add(Scalars.mul(summed, RESIDUAL_SCALE));
    }
    return new NDList(activation.apply(raw));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoding.initialize(manager, dataType, new Shape(1, inputDim));
    mlp.initialize(manager, dataType, new Shape(1, encoding.outputDim()));
    if (residual != null) {
      residual.initialize(manager, dataType, new Shape(1, inputDim));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outputDim)};
  }
}
