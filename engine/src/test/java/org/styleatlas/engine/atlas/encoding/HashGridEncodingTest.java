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
      // Make every feature a linear function of the vertex coordinates: then interpolation is exact.
      float[] values = new float[(int) grid.totalRows() * 3];
      fillLinear(values, 0, 4);
      fillLinear(values, 25, 8);
      table.set(m.create(values).reshape(table.getShape()).toFloatArray());
      NDArray x = m.create(new float[] {0.1f, -0.3f, -1f, 1f}, new Shape(2, 2));
      float[] out = grid.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
      // level 0: feature 0 = i (cells along x), feature 1 = j, feature 2 = 1
      assertArrayEquals(new float[] {2.2f, 1.4f, 1f, 4.4f, 2.8f, 1f}, java.util.Arrays.copyOf(out, 6), 1e-4f);
      assertArrayEquals(new float[] {0f, 4f, 1f, 0f, 8f, 1f}, java.util.Arrays.copyOfRange(out, 6, 12), 1e-4f);

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
   * A training step run in a sub-manager leaves nothing behind in the table's long-lived manager. This
   * leaked every step's gathered rows, and with them the step's autograd graph: ~150 MB per step at
   * 384x216, 23 GB after three minutes of the decomposition benchmark.
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
        try (NDManager s = m.newSubManager(); GradientCollector gc = engine.newGradientCollector()) {
          NDArray xs = s.randomUniform(-1, 1, new Shape(256, 2));
          gc.backward(grid.forward(new ParameterStore(s, false), new NDList(xs), true).singletonOrThrow().sum());
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
      NDArray y = grid.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      assertEquals(new Shape(500, 8), y.getShape());
      assertTrue(y.abs().max().getFloat() <= 1e-4f + 1e-7f, "features are convex mixes of table rows");
    }
  }

  /** Rows of a level with {@code res} cells: (i, j, 1) for vertex (i, j), stored at row offset + j·(res+1) + i. */
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
