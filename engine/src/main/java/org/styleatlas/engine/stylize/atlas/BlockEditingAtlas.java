package org.styleatlas.engine.stylize.atlas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Faithful mode's editing atlas: a copy of the decomposition's atlas network (an MLP, or a
 * hash-grid atlas in fast decompositions), fine-tuned as the paper does. The block must map {@code
 * [N, 2]} atlas coordinates in [-1, 1] to {@code [N, 3]} RGB in [0, 1]; its initialized parameters
 * are the weights.
 */
public final class BlockEditingAtlas implements EditingAtlas {
  private final NDManager manager;
  private final Block block;
  private final ParameterStore store;

  /**
   * @param manager the manager that owns the block's weights (closed with this atlas)
   * @param block an initialized copy of the atlas network; every parameter is made trainable
   */
  public BlockEditingAtlas(NDManager manager, Block block) {
    this.manager = manager;
    this.block = block;
    this.store = new ParameterStore(manager, false);
    for (Pair<String, Parameter> p : block.getParameters()) {
      p.getValue().freeze(false);
      p.getValue().getArray().setRequiresGradient(true);
    }
  }

  @Override
  public NDArray colours(NDArray uv) {
    return block.forward(store, new NDList(uv), true).singletonOrThrow();
  }

  @Override
  public PairList<String, NDArray> trainable() {
    PairList<String, NDArray> out = new PairList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getKey(), p.getValue().getArray());
    }
    return out;
  }

  @Override
  public NDManager manager() {
    return manager;
  }
}
