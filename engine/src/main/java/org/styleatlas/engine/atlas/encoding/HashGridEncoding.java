package org.styleatlas.engine.atlas.encoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * A multi-resolution hash-grid encoding (Instant-NGP): {@code [N, D]} coordinates in [-1, 1] →
 * {@code [N, L·F]} features, D-linearly interpolated from the 2^D grid vertices around each point
 * at each of L levels.
 *
 * <p>Level l has resolution {@code floor(base · growth^l)} cells per axis. A level whose vertices
 * fit in the table is indexed densely (one row per vertex, no collisions); a finer level is hashed.
 * DJL has no bitwise XOR, so the hash is <em>additive</em>: {@code (Σ_d c_d · π_d) mod T} with
 * Instant-NGP's primes π = (1, 2654435761, 805459861), computed exactly in int64. All levels share
 * one parameter {@code table} of shape {@code [Σ_l T_l, F]}, T_l = min(T, (res_l + 1)^D),
 * initialised uniformly in ±1e-4 as in Instant-NGP. The layout is {@link GridLevels}; the lookup
 * itself is {@link GridLookup} (one TorchScript call by default, or DJL ops), which never changes
 * the parameters or checkpoints.
 */
public final class HashGridEncoding extends EncodingBlock {
  private static final byte VERSION = 1;
  private static final float INIT_SCALE = 1e-4f;

  private final int features;
  private final GridLevels grid;
  private final Parameter table;

  /**
   * @param inputDim coordinates per point, 1 to 4
   * @param grid levels L, features F, log2 of the maximum rows per level T, base resolution and
   *     growth (validated by the record)
   */
  public HashGridEncoding(int inputDim, EncodingConfig.HashGrid grid) {
    super(VERSION, inputDim);
    this.grid = GridLevels.of(inputDim, grid);
    this.features = grid.features();
    table =
        addParameter(
            Parameter.builder()
                .setName("table")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new UniformInitializer(INIT_SCALE))
                .optShape(new Shape(this.grid.totalRows(), features))
                .build());
  }

  /** The table parameter, {@code [rows, F]}; optimisers give it its own learning rate. */
  public Parameter table() {
    return table;
  }

  /** Cells per axis of level l. */
  public int resolution(int level) {
    return grid.resolution()[level];
  }

  /** Total rows of the table over all levels. */
  public long totalRows() {
    return grid.totalRows();
  }

  @Override
  public int outputDim() {
    return grid.levels() * features;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    return new NDList(
        encode(x, ps.getValue(table, x.getDevice(), training), GridLookup.configured()));
  }

  /**
   * The features of {@code x} looked up in {@code t} with {@code lookup}.
   *
   * @param x {@code [N, D]} coordinates in [-1, 1]
   * @param t {@code [rows, F]} this encoding's table (its value in the parameter store)
   * @return {@code [N, L·F]}, owned by x's manager
   */
  NDArray encode(NDArray x, NDArray t, GridLookup lookup) {
    return lookup.lookup(x, t, grid);
  }
}
