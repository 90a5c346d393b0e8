package org.styleatlas.engine.atlas.encoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import org.styleatlas.engine.runtime.Scalars;

/**
 * A multi-resolution hash-grid encoding (Instant-NGP): {@code [N, D]} coordinates in [-1, 1] →
 * {@code [N, L·F]} features, D-linearly interpolated from the 2^D grid vertices around each point at
 * each of L levels.
 *
 * <p>Level l has resolution {@code floor(base · growth^l)} cells per axis. A level whose vertices fit in
 * the table is indexed densely (one row per vertex, no collisions); a finer level is hashed. DJL has no
 * bitwise XOR, so the hash is <em>additive</em>: {@code (Σ_d c_d · π_d) mod T} with Instant-NGP's primes
 * π = (1, 2654435761, 805459861), computed exactly in int64. All levels share one parameter
 * {@code table} of shape {@code [Σ_l T_l, F]}, T_l = min(T, (res_l + 1)^D), initialised uniformly in
 * ±1e-4 as in Instant-NGP.
 */
public final class HashGridEncoding extends EncodingBlock {
  private static final byte VERSION = 1;
  private static final long[] PRIMES = {1L, 2654435761L, 805459861L, 3674653429L};
  private static final float INIT_SCALE = 1e-4f;

  private final int levels;
  private final int features;
  private final int[] resolution;
  private final long[] rows;
  private final long[] offset;
  private final long[] multiplier;
  /** The first {@code denseLevels} levels are dense (resolution grows with the level, so they lead). */
  private final int denseLevels;
  private final Parameter table;

  /**
   * @param inputDim coordinates per point, 1 to 4
   * @param grid levels L, features F, log2 of the maximum rows per level T, base resolution and growth
   *     (validated by the record)
   */
  public HashGridEncoding(int inputDim, EncodingConfig.HashGrid grid) {
    super(VERSION, inputDim);
    if (inputDim > PRIMES.length) {
      throw new IllegalArgumentException("hash grid supports up to " + PRIMES.length + " dimensions, got " + inputDim);
    }
    this.levels = grid.levels();
    this.features = grid.features();
    double baseResolution = grid.baseResolution();
    double growth = grid.growth();
    long maxRows = 1L << grid.log2TableSize();
    resolution = new int[levels];
    rows = new long[levels];
    offset = new long[levels];
    multiplier = new long[levels * inputDim];
    long total = 0;
    int dense = 0;
    for (int l = 0; l < levels; l++) {
      resolution[l] = Math.max(1, (int) Math.floor(baseResolution * Math.pow(growth, l)));
      long vertices = 1;
      for (int d = 0; d < inputDim && vertices <= maxRows; d++) {
        vertices *= resolution[l] + 1L;
      }
      boolean isDense = vertices <= maxRows;
      dense += isDense && dense == l ? 1 : 0;
      rows[l] = isDense ? vertices : maxRows;
      offset[l] = total;
      total += rows[l];
      long stride = 1;
      for (int d = 0; d < inputDim; d++) {
        multiplier[l * inputDim + d] = isDense ? stride : PRIMES[d];
        stride *= resolution[l] + 1L;
      }
    }
    denseLevels = dense;
    table = addParameter(Parameter.builder()
        .setName("table")
        .setType(Parameter.Type.WEIGHT)
        .optInitializer(new UniformInitializer(INIT_SCALE))
        .optShape(new Shape(total, features))
        .build());
  }

  /** The table parameter, {@code [rows, F]}; optimisers give it its own learning rate. */
  public Parameter table() {
    return table;
  }

  /** Cells per axis of level l. */
  public int resolution(int level) {
    return resolution[level];
  }

  /** Total rows of the table over all levels. */
  public long totalRows() {
    return offset[levels - 1] + rows[levels - 1];
  }

  @Override
  public int outputDim() {
    return levels * features;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray t = ps.getValue(table, x.getDevice(), training);
    NDManager m = x.getManager();
    int dims = inputDim();
    long n = x.getShape().get(0);

    float[] res = new float[levels];
    float[] resMax = new float[levels];
    long[] size = new long[levels];
    for (int l = 0; l < levels; l++) {
      res[l] = resolution[l];
      resMax[l] = resolution[l] - 1;
      size[l] = rows[l];
    }
    NDArray resArr = dev(m.create(res).reshape(1, levels, 1), x);
    NDArray resMaxArr = dev(m.create(resMax).reshape(1, levels, 1), x);
    NDArray mult = dev(m.create(multiplier).reshape(1, levels, dims), x);
    NDArray sizes = dev(m.create(size).reshape(1, levels), x);
    NDArray offsets = dev(m.create(offset).reshape(1, levels), x);
    long[] featureIdx = new long[features];
    for (int f = 0; f < features; f++) {
      featureIdx[f] = f;
    }
    NDArray featureOffsets = dev(m.create(featureIdx).reshape(1, 1, features), x);

    // [N, L, D] positions in cell units; i0 the lower vertex, frac the position inside the cell.
    NDArray pos = Scalars.mul(x.add(1f), 0.5).clip(0f, 1f).expandDims(1).mul(resArr);
    NDArray i0 = pos.floor().minimum(resMaxArr);
    NDArray frac = pos.sub(i0);
    NDArray i0Long = i0.toType(DataType.INT64, false);

    NDArray out = null;
    for (int corner = 0; corner < (1 << dims); corner++) {
      long[] bitsL = new long[dims];
      float[] bitsF = new float[dims];
      for (int d = 0; d < dims; d++) {
        bitsL[d] = (corner >> d) & 1;
        bitsF[d] = bitsL[d];
      }
      NDArray bitF = dev(m.create(bitsF).reshape(1, 1, dims), x);
      // weight = Π_d (bit ? frac : 1 − frac)   [N, L]
      NDArray w = frac.mul(bitF).add(frac.neg().add(1f).mul(bitF.neg().add(1f))).prod(new int[] {2});
      NDArray vertex = i0Long.add(dev(m.create(bitsL).reshape(1, 1, dims), x));
      NDArray row = wrap(vertex.mul(mult).sum(new int[] {2}), sizes).add(offsets); // [N, L]
      NDArray flat = row.expandDims(2).mul(features).add(featureOffsets); // [N, L, F]
      // take(m, …): the gathered rows belong to the caller's (per-step) manager. NDArray.take(index)
      // would put them, and with them the step's autograd graph, in the table's long-lived manager.
      NDArray contribution = t.take(m, flat).mul(w.expandDims(2));
      out = out == null ? contribution : out.add(contribution);
    }
    return new NDList(out.reshape(n, (long) levels * features));
  }

  /**
   * The hash's {@code mod T} on the hashed levels only: a dense level's index is below its row count
   * already, and int64 remainder is one of the costliest ops of the lookup on CPU.
   *
   * @param index {@code [N, L]} int64 vertex indices before wrapping
   * @param sizes {@code [1, L]} rows per level
   */
  private NDArray wrap(NDArray index, NDArray sizes) {
    if (denseLevels == levels) {
      return index;
    }
    if (denseLevels == 0) {
      return index.mod(sizes);
    }
    NDIndex hashed = new NDIndex(":, {}:", denseLevels);
    return index.get(new NDIndex(":, :{}", denseLevels)).concat(index.get(hashed).mod(sizes.get(hashed)), 1);
  }

  private static NDArray dev(NDArray a, NDArray like) {
    return a.toDevice(like.getDevice(), false);
  }
}
