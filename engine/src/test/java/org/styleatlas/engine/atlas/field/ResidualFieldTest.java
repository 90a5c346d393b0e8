package org.styleatlas.engine.atlas.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.atlas.encoding.EncodingConfig;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.GradModeOff;

/** A field with a residual grid over (x, y, t): coarse MLP + Σ levels of the grid, then tanh. */
class ResidualFieldTest {
  private static final EncodingConfig.HashGrid GRID = new EncodingConfig.HashGrid(4, 2, 16, 4, 2);
  private static final FieldConfig MAPPING =
      new FieldConfig(new EncodingConfig.None(), new MlpConfig(2, 16));

  @Test
  void residualIsAddedBeforeTheActivationAndItsTableIsATable() {
    Engine engine = DjlRuntime.engine();
    try (NDManager m = engine.newBaseManager()) {
      NeuralField field = new NeuralField(3, 2, MAPPING.withResidual(GRID), OutputActivation.TANH);
      field.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      List<Parameter> tables = field.tableParameters();
      assertEquals(1, tables.size(), "the residual's table trains at the tables' rate");
      NDArray xyt = m.randomUniform(-1, 1, new Shape(64, 3));
      ParameterStore ps = new ParameterStore(m, false);

      NDArray coarse;
      NDArray shifted;
      try (GradModeOff off = new GradModeOff()) {
        tables.get(0).getArray().set(new NDIndex(":"), 0f);
        coarse = field.apply(ps, xyt, false).duplicate();
        // a constant table c: every level interpolates c, Σ over 4 levels = 4c, scaled
        tables.get(0).getArray().set(new NDIndex(":"), 0.5f);
        shifted = field.apply(ps, xyt, false).duplicate();
      }
      float[] a = coarse.toFloatArray();
      float[] b = shifted.toFloatArray();
      for (int i = 0; i < a.length; i++) {
        double added = atanh(b[i]) - atanh(a[i]);
        assertEquals(4 * 0.5 * NeuralField.RESIDUAL_SCALE, added, 1e-3, "output " + i);
      }

      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray out = field.apply(new ParameterStore(m, false), xyt, true);
        gc.backward(out.sum());
      }
      NDArray g = tables.get(0).getArray().getGradient();
      assertTrue(g.abs().sum().getFloat() > 0, "the residual's table received a gradient");
    }
  }

  @Test
  void residualNeedsOneFeaturePerOutput() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NeuralField(
                3,
                2,
                MAPPING.withResidual(new EncodingConfig.HashGrid(4, 3, 16, 4, 2)),
                OutputActivation.TANH));
  }

  /** Cache keys of configs without a residual are those of before. */
  @Test
  void withoutAResidualTheTextIsUnchanged() {
    assertEquals(
        "FieldConfig[encoding=None[], mlp=MlpConfig[layers=2, width=16]]", MAPPING.toString());
    assertTrue(MAPPING.withResidual(GRID).toString().contains("residual=HashGrid[levels=4"));
  }

  private static double atanh(double v) {
    return 0.5 * Math.log((1 + v) / (1 - v));
  }
}
