package org.styleatlas.engine.atlas.encoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The per-level layout of a hash grid's shared table: resolution, rows, first row and per-axis
 * index multipliers of every level, and how many leading levels are dense.
 *
 * <p>Level l has resolution {@code floor(base · growth^l)} cells per axis. A level whose vertices
 * fit in {@code 2^log2TableSize} rows is indexed densely (multipliers 1, res+1, (res+1)², …: one
 * row per vertex); a finer level is hashed additively, {@code (Σ_d c_d · π_d) mod T}, with
 * Instant-NGP's primes π.
 *
 * @param dims coordinates per point D
 * @param resolution cells per axis, per level [L]
 * @param rows table rows per level [L] (the hash modulus on hashed levels)
 * @param offset first table row per level [L]
 * @param multiplier index multipliers [L·D], level-major
 * @param denseLevels the first {@code denseLevels} levels are dense (resolution grows, so they
 *     lead)
 */
record GridLevels(
    int dims, int[] resolution, long[] rows, long[] offset, long[] multiplier, int denseLevels) {
  static final long[] PRIMES = {1L, 2654435761L, 805459861L, 3674653429L};

  /** The layout of {@code grid} for points of {@code dims} coordinates (1 to 4). */
  static GridLevels of(int dims, EncodingConfig.HashGrid grid) {
    if (dims > PRIMES.length) {
      throw new IllegalArgumentException(
          "hash grid supports up to " + PRIMES.length + " dimensions, got " + dims);
    }
    int levels = grid.levels();
    long maxRows = 1L << grid.log2TableSize();
    int[] resolution = new int[levels];
    long[] rows = new long[levels];
    long[] offset = new long[levels];
    long[] multiplier = new long[levels * dims];
    long total = 0;
    int dense = 0;
    for (int l = 0; l < levels; l++) {
      resolution[l] =
          Math.max(1, (int) Math.floor(grid.baseResolution() * Math.pow(grid.growth(), l)));
      long vertices = 1;
      for (int d = 0; d < dims && vertices <= maxRows; d++) {
        vertices *= resolution[l] + 1L;
      }
      boolean isDense = vertices <= maxRows;
      dense += isDense && dense == l ? 1 : 0;
      rows[l] = isDense ? vertices : maxRows;
      offset[l] = total;
      total += rows[l];
      long stride = 1;
      for (int d = 0; d < dims; d++) {
        multiplier[l * dims + d] = isDense ? stride : PRIMES[d];
        stride *= resolution[l] + 1L;
      }
    }
    return new GridLevels(dims, resolution, rows, offset, multiplier, dense);
  }

  /** Number of levels L. */
  int levels() {
    return resolution.length;
  }

  /** Total rows of the table over all levels. */
  long totalRows() {
    int last = levels() - 1;
    return offset[last] + rows[last];
  }

  /**
   * {@code [L]} float32 resolutions + {@code delta} on {@code like}'s device, owned by {@code m}.
   */
  NDArray resolutionArray(NDManager m, NDArray like, int delta) {
    float[] res = new float[levels()];
    for (int l = 0; l < res.length; l++) {
      res[l] = resolution[l] + delta;
    }
    return onDevice(m.create(res), like);
  }

  /** {@code [L, D]} int64 multipliers on {@code like}'s device, owned by {@code m}. */
  NDArray multiplierArray(NDManager m, NDArray like) {
    return onDevice(m.create(multiplier).reshape(levels(), dims), like);
  }

  /** {@code [L]} int64 rows per level on {@code like}'s device, owned by {@code m}. */
  NDArray rowsArray(NDManager m, NDArray like) {
    return onDevice(m.create(rows), like);
  }

  /** {@code [L]} int64 first rows on {@code like}'s device, owned by {@code m}. */
  NDArray offsetArray(NDManager m, NDArray like) {
    return onDevice(m.create(offset), like);
  }

  static NDArray onDevice(NDArray a, NDArray like) {
    return a.toDevice(like.getDevice(), false);
  }
}
