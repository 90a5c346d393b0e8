package org.styleatlas.engine.stylize;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.BiFunction;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;

/**
 * One iteration's gradient with the atlas graph in chunks, so memory does not grow with the number
 * of view points (the {@code final} preset renders 24 views of 224² = 1.2 M points; one autograd
 * graph through the hash-grid atlas for all of them took more than 10 GB).
 *
 * <p>Stage 1 evaluates the colours c = A(uv) of every point without keeping the atlas graph, makes
 * them a leaf that requires gradients, and backpropagates the objective L(c) (CLIP and every loss
 * term) to g = ∂L/∂c. Stage 2 recomputes the colours chunk by chunk with the graph and
 * backpropagates {@code Σ c·g} of each chunk, which accumulates {@code Σ_i g_i·∂c_i/∂θ = ∂L/∂θ}
 * into the atlas parameters: the same gradient as one graph, with the atlas's activations alive for
 * one chunk at a time. The two gradient collectors are strictly sequential.
 *
 * <p>A batch whose every layer fits one chunk ({@link EditingAtlas#pointsPerGraph()}, e.g. the fast
 * texture atlas, whose graph is small) takes the direct path instead: one graph, one backward, the
 * atlas evaluated once.
 */
final class AtlasPass {
  /** No limit beyond each atlas's own {@link EditingAtlas#pointsPerGraph()}. */
  static final int ATLAS_CHUNKS = Integer.MAX_VALUE;

  /**
   * An atlas and the points it is evaluated at.
   *
   * @param atlas the trainable atlas
   * @param uv {@code [N·2]} atlas coordinates, row-major {@code [N, 2]}
   */
  record Layer(EditingAtlas atlas, float[] uv) {
    int points() {
      return uv.length / 2;
    }

    /** {@code [N, 2]} on {@code manager}. */
    NDArray uvArray(NDManager manager) {
      return manager.create(uv, new Shape(points(), 2));
    }
  }

  private final Engine engine;
  private final int maxChunk;

  /**
   * @param engine the engine whose gradient collectors are used
   * @param maxChunk atlas points per chunk at most, ≥ 1 ({@link #ATLAS_CHUNKS}: as each atlas says)
   */
  AtlasPass(Engine engine, int maxChunk) {
    if (maxChunk < 1) {
      throw new IllegalArgumentException("chunk must be ≥ 1, got " + maxChunk);
    }
    this.engine = engine;
    this.maxChunk = maxChunk;
  }

  /**
   * Evaluates the objective and, when it is differentiable, accumulates ∂L/∂θ into the gradients of
   * every layer's {@link EditingAtlas#trainable()} arrays.
   *
   * @param step the step's manager (owns the objective's value)
   * @param layers the atlases and their points: the foreground first, then the background if any
   * @param objective L of the layers' colours ({@code [N_k, 3]} each, in layer order) on the step's
   *     manager
   * @return the objective's value
   */
  StepObjective.Value run(
      NDManager step,
      List<Layer> layers,
      BiFunction<NDManager, List<NDArray>, StepObjective.Value> objective) {
    if (layers.stream().allMatch(l -> l.points() <= chunk(l))) {
      return direct(step, layers, objective);
    }
    float[][] colours = new float[layers.size()][];
    for (int k = 0; k < layers.size(); k++) {
      colours[k] = detachedColours(layers.get(k));
    }
    float[][] grads = new float[layers.size()][];
    StepObjective.Value value;
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray[] leaves = new NDArray[layers.size()];
      for (int k = 0; k < layers.size(); k++) {
        leaves[k] = step.create(colours[k], new Shape(layers.get(k).points(), 3));
        leaves[k].setRequiresGradient(true);
      }
      value = objective.apply(step, List.of(leaves));
      if (!value.differentiable()) {
        return value;
      }
      gc.backward(value.loss());
      for (int k = 0; k < layers.size(); k++) {
        try (NDArray g = leaves[k].getGradient()) {
          grads[k] = g.toFloatArray();
        }
      }
    }
    try (GradientCollector gc = engine.newGradientCollector()) {
      for (int k = 0; k < layers.size(); k++) {
        backwardInChunks(gc, layers.get(k), grads[k]);
      }
    }
    return value;
  }

  /** One graph over every point: the colours with their graph, the objective, one backward. */
  private StepObjective.Value direct(
      NDManager step,
      List<Layer> layers,
      BiFunction<NDManager, List<NDArray>, StepObjective.Value> objective) {
    try (GradientCollector gc = engine.newGradientCollector()) {
      List<NDArray> colours = layers.stream().map(l -> l.atlas().colours(l.uvArray(step))).toList();
      StepObjective.Value value = objective.apply(step, colours);
      if (value.differentiable()) {
        gc.backward(value.loss());
      }
      return value;
    }
  }

  private int chunk(Layer layer) {
    return Math.min(maxChunk, layer.atlas().pointsPerGraph());
  }

  /** {@code [N·3]} the layer's colours, evaluated in chunks whose graphs are freed at once. */
  private float[] detachedColours(Layer layer) {
    int n = layer.points();
    int chunk = chunk(layer);
    float[] out = new float[n * 3];
    EditingAtlas atlas = layer.atlas();
    for (int start = 0; start < n; start += chunk) {
      int count = Math.min(chunk, n - start);
      try (NDManager scope = atlas.manager().newSubManager()) {
        NDArray c = atlas.colours(uvChunk(scope, layer, start, count));
        System.arraycopy(c.toFloatArray(), 0, out, start * 3, count * 3);
      }
    }
    return out;
  }

  /**
   * Stage 2 for one layer: per chunk, backward of {@code Σ A(uv)·g} into the atlas's parameters.
   */
  private void backwardInChunks(GradientCollector gc, Layer layer, float[] grad) {
    int n = layer.points();
    int chunk = chunk(layer);
    EditingAtlas atlas = layer.atlas();
    for (int start = 0; start < n; start += chunk) {
      int count = Math.min(chunk, n - start);
      try (NDManager scope = atlas.manager().newSubManager()) {
        NDArray c = atlas.colours(uvChunk(scope, layer, start, count));
        float[] g = new float[count * 3];
        System.arraycopy(grad, start * 3, g, 0, count * 3);
        gc.backward(c.mul(scope.create(g, new Shape(count, 3))).sum());
      }
    }
  }

  private static NDArray uvChunk(NDManager scope, Layer layer, int start, int count) {
    float[] uv = new float[count * 2];
    System.arraycopy(layer.uv(), start * 2, uv, 0, count * 2);
    return scope.create(uv, new Shape(count, 2));
  }
}
