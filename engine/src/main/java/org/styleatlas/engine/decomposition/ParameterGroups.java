package org.styleatlas.engine.decomposition;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.styleatlas.engine.atlas.field.NeuralField;
import org.styleatlas.engine.decomposition.config.OptimizerConfig;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.optim.LearningRateSchedule;
import org.styleatlas.engine.optim.ParameterGroup;

/** Splits fields' parameters into hash tables and MLP weights, each with its learning rate. */
final class ParameterGroups {
  private ParameterGroups() {}

  /** Constant rates (pre-training). */
  static List<ParameterGroup> constant(List<NeuralField> fields, OptimizerConfig config) {
    return of(fields, config, LearningRateSchedule::constant);
  }

  /**
   * Rates decaying to {@link OptimizerConfig#finalRateFactor} over {@code iterations} (the main
   * phase).
   */
  static List<ParameterGroup> decaying(
      List<NeuralField> fields, OptimizerConfig config, int iterations) {
    double factor = config.finalRateFactor();
    return of(
        fields, config, rate -> LearningRateSchedule.exponentialDecay(rate, factor, iterations));
  }

  private static List<ParameterGroup> of(
      List<NeuralField> fields,
      OptimizerConfig config,
      DoubleFunction<LearningRateSchedule> schedule) {
    List<Parameter> tables = new ArrayList<>();
    List<Parameter> mlps = new ArrayList<>();
    for (NeuralField f : fields) {
      tables.addAll(f.tableParameters());
      mlps.addAll(f.mlpParameters());
    }
    List<ParameterGroup> groups = new ArrayList<>();
    if (!tables.isEmpty()) {
      groups.add(new ParameterGroup("tables", tables, schedule.apply(config.tableLearningRate())));
    }
    groups.add(new ParameterGroup("mlp", mlps, schedule.apply(config.mlpLearningRate())));
    return groups;
  }

  static AdamOptimizer adam(
      List<ParameterGroup> groups, ai.djl.ndarray.NDManager manager, OptimizerConfig c) {
    return new AdamOptimizer(groups, manager, c.beta1(), c.beta2(), c.epsilon());
  }
}
