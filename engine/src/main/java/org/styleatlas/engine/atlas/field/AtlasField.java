package org.styleatlas.engine.atlas.field;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.styleatlas.engine.runtime.Scalars;

/**
 * One layer's atlas: {@code uv [N, 2]} in [-1, 1]² → {@code rgb [N, 3]} in (0, 1).
 *
 * <p>It evaluates an atlas network at {@code uv · scale + offset}. With NLA's shared atlas MLP the
 * foreground is the view (0.5, +0.5) and the background (0.5, −0.5) of the same network; with
 * separate atlases each layer owns a network and the view is (1, 0). {@link #copy} gives an
 * independent atlas with its own copy of the weights: the stylization's trainable editing atlas A
 * and frozen A_b.
 */
public final class AtlasField extends AbstractBlock {
  private static final byte VERSION = 1;

  private final NeuralField network;
  private final FieldConfig config;
  private final float scale;
  private final float offset;

  /**
   * @param network a (u, v) → RGB network built from {@code config} with {@link
   *     OutputActivation#UNIT}
   * @param config the network's config, to build copies
   * @param scale factor on uv before the network
   * @param offset added to uv after scaling
   */
  public AtlasField(NeuralField network, FieldConfig config, float scale, float offset) {
    super(VERSION);
    if (network.inputDim() != 2 || network.outputDim() != 3) {
      throw new IllegalArgumentException(
          "an atlas network maps 2 → 3, got " + network.inputDim() + " → " + network.outputDim());
    }
    this.network = addChildBlock("network", network);
    this.config = config;
    this.scale = scale;
    this.offset = offset;
  }

  /** A fresh, uninitialised atlas network for {@code config}. */
  public static NeuralField newNetwork(FieldConfig config) {
    return new NeuralField(2, 3, config, OutputActivation.UNIT);
  }

  public FieldConfig config() {
    return config;
  }

  /** Evaluates the atlas: {@code uv [N, 2]} → {@code rgb [N, 3]}. */
  public NDArray apply(ParameterStore ps, NDArray uv, boolean training) {
    return forward(ps, new NDList(uv), training).singletonOrThrow();
  }

  /**
   * An independent atlas with a copy of this one's weights, on {@code manager}'s device; trainable
   * unless frozen with {@code freezeParameters(true)}.
   */
  public AtlasField copy(NDManager manager) {
    NeuralField net = newNetwork(config);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    copyParameters(network, net, manager);
    // loadParameters gives arrays that do not require gradients; the copy is trainable.
    net.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
    AtlasField out = new AtlasField(net, config, scale, offset);
    out.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    return out;
  }

  /**
   * Copies the parameter values of {@code from} into {@code to}, which must have the same
   * structure.
   */
  static void copyParameters(AbstractBlock from, AbstractBlock to, NDManager manager) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        from.saveParameters(out);
      }
      to.loadParameters(
          manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MalformedModelException e) {
      throw new IllegalStateException("atlas copy failed: structures differ", e);
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray uv = inputs.singletonOrThrow();
    NDArray in = scale == 1f && offset == 0f ? uv : Scalars.mul(uv, scale).add(offset);
    return network.forward(ps, new NDList(in), training, params);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    if (!network.isInitialized()) {
      network.initialize(manager, dataType, new Shape(1, 2));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 3)};
  }
}
