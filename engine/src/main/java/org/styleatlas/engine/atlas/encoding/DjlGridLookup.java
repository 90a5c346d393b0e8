package org.styleatlas.engine.atlas.encoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.styleatlas.engine.runtime.Scalars;

/**
 * The hash-grid lookup written with DJL ops, one op per JNI call: per corner, int64 index math, a
 * {@code take} gather and the D-linear weight. The reference for {@link TorchScriptGridLookup}, and
 * the fallback when its resource cannot be loaded ({@code -Dstyleatlas.gridLookup=djl} forces it).
 */
final class DjlGridLookup {

  private DjlGridLookup() {}

  /**
   * @param x {@code [N, D]} coordinates in [-1, 1]
   * @param t {@code [rows, F]} table
   * @return {@code [N, L·F]} features, owned by x's manager
   */
  static NDArray lookup(NDArray x, NDArray t, GridLevels grid) {
    NDManager m = x.getManager();
    int dims = grid.dims();
    int levels = grid.levels();
    long features = t.getShape().get(1);
    long n = x.getShape().get(0);

    NDArray resArr = grid.resolutionArray(m, x, 0).reshape(1, levels, 1);
    NDArray resMaxArr = grid.resolutionArray(m, x, -1).reshape(1, levels, 1);
    NDArray mult = grid.multiplierArray(m, x).reshape(1, levels, dims);
    NDArray sizes = grid.rowsArray(m, x).reshape(1, levels);
    NDArray offsets = grid.offsetArray(m, x).reshape(1, levels);
    NDArray featureOffsets =
        GridLevels.onDevice(m.arange(0, (int) features, 1, DataType.INT64), x)
            .reshape(1, 1, features);

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
      NDArray bitF = GridLevels.onDevice(m.create(bitsF).reshape(1, 1, dims), x);
      // weight = Π_d (bit ? frac : 1 − frac)   [N, L]
      NDArray w =
          frac.mul(bitF).add(frac.neg().add(1f).mul(bitF.neg().add(1f))).prod(new int[] {2});
      NDArray vertex = i0Long.add(GridLevels.onDevice(m.create(bitsL).reshape(1, 1, dims), x));
      NDArray row = wrap(vertex.mul(mult).sum(new int[] {2}), sizes, grid).add(offsets); // [N, L]
      NDArray flat = row.expandDims(2).mul(features).add(featureOffsets); // [N, L, F]
      // take(m, …): the gathered rows belong to the caller's (per-step) manager.
      // NDArray.take(index)
      // would put them, and with them the step's autograd graph, in the table's long-lived manager.
      NDArray contribution = t.take(m, flat).mul(w.expandDims(2));
      out = out == null ? contribution : out.add(contribution);
    }
    return out.reshape(n, levels * features);
  }

  /**
   * The hash's {@code mod T} on the hashed levels only: a dense level's index is below its row
   * count already, and int64 remainder is one of the costliest ops of the lookup on CPU.
   *
   * @param index {@code [N, L]} int64 vertex indices before wrapping
   * @param sizes {@code [1, L]} rows per level
   */
  private static NDArray wrap(NDArray index, NDArray sizes, GridLevels grid) {
    int dense = grid.denseLevels();
    if (dense == grid.levels()) {
      return index;
    }
    if (dense == 0) {
      return index.mod(sizes);
    }
    NDIndex hashed = new NDIndex(":, {}:", dense);
    return index
        .get(new NDIndex(":, :{}", dense))
        .concat(index.get(hashed).mod(sizes.get(hashed)), 1);
  }
}
