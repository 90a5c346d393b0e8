package org.styleatlas.engine.atlas.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.runtime.DjlRuntime;

/**
 * The TorchScript lookup computes the DJL-ops lookup: same features, same gradients w.r.t. table
 * and x.
 */
class TorchScriptGridLookupTest {
  private static final int POINTS = 600;

  @Test
  void theResourceLoadsAndIsTheDefault() {
    assertTrue(TorchScriptGridLookup.shared().isPresent(), "the TorchScript resource did not load");
    assertEquals(GridLookup.TORCHSCRIPT, GridLookup.resolve(null));
    assertEquals(GridLookup.TORCHSCRIPT, GridLookup.resolve("TorchScript"));
    assertEquals(GridLookup.DJL_OPS, GridLookup.resolve("djl"));
  }

  /** 2-D: 6 levels at 4…41 cells in 2^8 rows, the first three dense, the last three hashed. */
  @Test
  void twoDimensionsDenseAndHashedLevelsMatch() {
    compare(2, new EncodingConfig.HashGrid(6, 2, 8, 4, 1.6), 3);
  }

  /** 3-D: 5 levels at 4…20 cells in 2^10 rows, the first three dense, the last two hashed. */
  @Test
  void threeDimensionsDenseAndHashedLevelsMatch() {
    compare(3, new EncodingConfig.HashGrid(5, 2, 10, 4, 1.5), 3);
  }

  /** The fast preset's atlas grid (16 levels × 2, 2^15 rows): 11 dense levels, 5 hashed. */
  @Test
  void theFastPresetsAtlasGridMatches() {
    compare(2, EncodingConfig.HashGrid.hashingNvd(), 11);
  }

  private static void compare(int dims, EncodingConfig.HashGrid config, int denseLevels) {
    Engine engine = DjlRuntime.engine();
    try (NDManager m = engine.newBaseManager()) {
      HashGridEncoding grid = new HashGridEncoding(dims, config);
      assertEquals(denseLevels, GridLevels.of(dims, config).denseLevels(), "test grid layout");
      SplittableRandom random = new SplittableRandom(dims * 31L + config.levels());
      float[] tableValues = new float[(int) grid.totalRows() * config.features()];
      for (int i = 0; i < tableValues.length; i++) {
        tableValues[i] = (float) random.nextDouble(-1, 1);
      }
      NDArray table = m.create(tableValues, new Shape(grid.totalRows(), config.features()));
      NDArray x = m.create(points(dims, random), new Shape(POINTS, dims));
      NDArray upstream =
          m.create(randoms(POINTS * grid.outputDim(), random), new Shape(POINTS, grid.outputDim()));

      Result djl = run(engine, grid, table, x, upstream, GridLookup.DJL_OPS);
      Result torchScript = run(engine, grid, table, x, upstream, GridLookup.TORCHSCRIPT);

      assertTrue(maxAbs(djl.features().sub(torchScript.features())) <= 1e-5, "features differ");
      assertRelative(djl.tableGradient(), torchScript.tableGradient(), "d/dtable");
      assertRelative(djl.xGradient(), torchScript.xGradient(), "d/dx");
      assertTrue(maxAbs(djl.xGradient()) > 0, "x received no gradient");
    }
  }

  private record Result(NDArray features, NDArray tableGradient, NDArray xGradient) {}

  /**
   * Features of x and the gradients of Σ upstream·features, on fresh leaf copies of table and x.
   */
  private static Result run(
      Engine engine,
      HashGridEncoding grid,
      NDArray table,
      NDArray x,
      NDArray upstream,
      GridLookup lookup) {
    NDArray t = table.duplicate();
    NDArray xs = x.duplicate();
    t.setRequiresGradient(true);
    xs.setRequiresGradient(true);
    NDArray features;
    try (GradientCollector gc = engine.newGradientCollector()) {
      features = grid.encode(xs, t, lookup);
      gc.backward(features.mul(upstream).sum());
    }
    assertEquals(new Shape(x.getShape().get(0), grid.outputDim()), features.getShape());
    return new Result(
        features.duplicate(), t.getGradient().duplicate(), xs.getGradient().duplicate());
  }

  /**
   * Uniform points in [-1, 1]^D, with the first rows on the boundaries ±1 and just outside them.
   */
  private static float[] points(int dims, SplittableRandom random) {
    float[] xs = randoms(POINTS * dims, random);
    float[] edges = {-1f, 1f, -1.2f, 1.2f};
    for (int p = 0; p < 40; p++) {
      xs[p * dims + p % dims] = edges[p % edges.length];
      if (p >= 20) {
        xs[p * dims + (p + 1) % dims] = edges[(p / 4) % 2];
      }
    }
    return xs;
  }

  private static float[] randoms(int n, SplittableRandom random) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble(-1, 1);
    }
    return v;
  }

  private static void assertRelative(NDArray expected, NDArray actual, String what) {
    double scale = maxAbs(expected);
    double error = maxAbs(expected.sub(actual));
    assertTrue(scale > 0, what + " is zero");
    assertTrue(error <= 1e-4 * scale, what + ": max error " + error + " over max " + scale);
  }

  private static double maxAbs(NDArray a) {
    return a.abs().max().toType(DataType.FLOAT64, false).getDouble();
  }
}
