package org.styleatlas.engine.atlas.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.runtime.DjlRuntime;

class HashGridEncodingTest {

  @Test
  void denseLevelsInterpolateLinearlyAndTheTableGetsGradients() {
    Engine engine = DjlRuntime.engine();
    try (NDManager m = engine.newBaseManager()) {
      // 2 levels at 4 and 8 cells: 25 and 81 vertices, both dense in a 2^10 table.
      HashGridEncoding grid = new HashGridEncoding(2, new EncodingConfig.HashGrid(2, 3, 10, 4, 2));
      grid.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      assertEquals(6, grid.outputDim());
      assertEquals(25 + 81, grid.totalRows());
      ParameterStore ps = new ParameterStore(m, false);
      NDArray table = grid.table().getArray();
      // Make every feature a linear function of the vertex coordinates: then interpolation is
      // exact.
      float[] values = new float[(int) grid.totalRows() * 3];
      fillLinear(values, 0, 4);
      fillLinear(values, 25, 8);
      table.set(m.create(values).reshape(table.getShape()).toFloatArray());
      NDArray x = m.create(new float[] {0.1f, -0.3f, -1f, 1f}, new Shape(2, 2));
      float[] out = grid.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
      // level 0: feature 0 = i (cells along x), feature 1 = j, feature 2 = 1
      assertArrayEquals(
          new float[] {2.2f, 1.4f, 1f, 4.4f, 2.8f, 1f}, java.util.Arrays.copyOf(out, 6), 1e-4f);
      assertArrayEquals(
          new float[] {0f, 4f, 1f, 0f, 8f, 1f}, java.util.Arrays.copyOfRange(out, 6, 12), 1e-4f);

      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray xs = m.randomUniform(-1, 1, new Shape(64, 2));
        NDArray loss = grid.forward(ps, new NDList(xs), true).singletonOrThrow().sum();
        gc.backward(loss);
      }
      float gradSum = table.getGradient().abs().sum().getFloat();
      assertTrue(gradSum > 0, "table received no gradient");
    }
  }

  /**
   * A training step run in a sub-manager leaves nothing behind in the table's long-lived manager.
   * This leaked every step's gathered rows, and with them the step's autograd graph: ~150 MB per
   * step at 384x216, 23 GB after three minutes of the decomposition benchmark.
   */
  @Test
  void aStepInASubManagerLeavesNothingInTheTablesManager() {
    Engine engine = DjlRuntime.engine();
    try (NDManager m = engine.newBaseManager()) {
      HashGridEncoding grid = new HashGridEncoding(2, new EncodingConfig.HashGrid(4, 2, 8, 4, 2));
      grid.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      NDManager owner = grid.table().getArray().getManager();
      int before = owner.getManagedArrays().size();
      for (int step = 0; step < 3; step++) {
        try (NDManager s = m.newSubManager();
            GradientCollector gc = engine.newGradientCollector()) {
          NDArray xs = s.randomUniform(-1, 1, new Shape(256, 2));
          gc.backward(
              grid.forward(new ParameterStore(s, false), new NDList(xs), true)
                  .singletonOrThrow()
                  .sum());
        }
      }
      assertEquals(before, owner.getManagedArrays().size(), "arrays left in the table's manager");
    }
  }

  @Test
  void hashedLevelsStayInsideTheirTable() {
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      HashGridEncoding grid = new HashGridEncoding(3, new EncodingConfig.HashGrid(4, 2, 6, 8, 2));
      grid.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      assertEquals(4 * 64, grid.totalRows(), "every level of 9³+ vertices is hashed into 64 rows");
      NDArray x = m.randomUniform(-1, 1, new Shape(500, 3));
      NDArray y =
          grid.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      assertEquals(new Shape(500, 8), y.getShape());
      assertTrue(
          y.abs().max().getFloat() <= 1e-4f + 1e-7f, "features are convex mixes of table rows");
    }
  }

  /**
   * A dense level followed by a hashed one (only the hashed one is wrapped mod T): every feature
   * equals a plain-Java bilinear lookup with the same indexing (dense i + j·(res+1); hashed (i +
   * j·π₁) mod T).
   */
  @Test
  void denseThenHashedLevelsMatchAReferenceLookup() {
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      // 2^6 = 64 rows: level 0 (4 cells, 25 vertices) is dense, level 1 (8 cells, 81 vertices) is
      // hashed.
      HashGridEncoding grid = new HashGridEncoding(2, new EncodingConfig.HashGrid(2, 2, 6, 4, 2));
      grid.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      assertEquals(25 + 64, grid.totalRows());
      NDArray table = grid.table().getArray();
      float[] t = new float[(int) grid.totalRows() * 2];
      for (int i = 0; i < t.length; i++) {
        t[i] = (float) Math.sin(i * 0.37);
      }
      table.set(t);
      float[] xs = {0.1f, -0.3f, -1f, 1f, 0.77f, 0.52f, -0.61f, 0.05f};
      float[] out =
          grid.forward(
                  new ParameterStore(m, false), new NDList(m.create(xs, new Shape(4, 2))), false)
              .singletonOrThrow()
              .toFloatArray();
      for (int p = 0; p < 4; p++) {
        for (int level = 0; level < 2; level++) {
          int res = level == 0 ? 4 : 8;
          for (int f = 0; f < 2; f++) {
            double expected =
                reference(t, xs[p * 2], xs[p * 2 + 1], res, level == 0 ? 0 : 25, level == 1, f);
            assertEquals(
                expected, out[p * 4 + level * 2 + f], 1e-5, "point " + p + " level " + level);
          }
        }
      }
    }
  }

  private static double reference(
      float[] t, double x, double y, int res, int offset, boolean hashed, int f) {
    double px = Math.min(1, Math.max(0, (x + 1) / 2)) * res;
    double py = Math.min(1, Math.max(0, (y + 1) / 2)) * res;
    int i0 = (int) Math.min(Math.floor(px), res - 1);
    int j0 = (int) Math.min(Math.floor(py), res - 1);
    double fx = px - i0;
    double fy = py - j0;
    double sum = 0;
    for (int dj = 0; dj <= 1; dj++) {
      for (int di = 0; di <= 1; di++) {
        long i = i0 + di;
        long j = j0 + dj;
        long row = hashed ? Math.floorMod(i + j * 2654435761L, 64L) : i + j * (res + 1);
        double w = (di == 1 ? fx : 1 - fx) * (dj == 1 ? fy : 1 - fy);
        sum += w * t[(int) (offset + row) * 2 + f];
      }
    }
    return sum;
  }

  /**
   * Rows of a level with {@code res} cells: (i, j, 1) for vertex (i, j), stored at row offset +
   * j·(res+1) + i.
   */
  private static void fillLinear(float[] values, int offset, int res) {
    for (int j = 0; j <= res; j++) {
      for (int i = 0; i <= res; i++) {
        int row = offset + j * (res + 1) + i;
        values[row * 3] = i;
        values[row * 3 + 1] = j;
        values[row * 3 + 2] = 1;
      }
    }
  }
}
