package org.styleatlas.engine.decompose;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.atlas.field.NeuralField;
import org.styleatlas.engine.config.OptimizerConfig;
import org.styleatlas.engine.train.AdamOptimizer;
import org.styleatlas.engine.train.LearningRateSchedule;
import org.styleatlas.engine.train.ParameterGroup;

/** Splits fields' parameters into hash tables and MLP weights, each with its learning rate. */
final class ParameterGroups {
  private ParameterGroups() {}

  static List<ParameterGroup> of(List<NeuralField> fields, OptimizerConfig config) {
    List<Parameter> tables = new ArrayList<>();
    List<Parameter> mlps = new ArrayList<>();
    for (NeuralField f : fields) {
      tables.addAll(f.tableParameters());
      mlps.addAll(f.mlpParameters());
    }
    List<ParameterGroup> groups = new ArrayList<>();
    if (!tables.isEmpty()) {
      groups.add(new ParameterGroup("tables", tables, LearningRateSchedule.constant(config.tableLearningRate())));
    }
    groups.add(new ParameterGroup("mlp", mlps, LearningRateSchedule.constant(config.mlpLearningRate())));
    return groups;
  }

  static AdamOptimizer adam(List<ParameterGroup> groups, ai.djl.ndarray.NDManager manager, OptimizerConfig c) {
    return new AdamOptimizer(groups, manager, c.beta1(), c.beta2(), c.epsilon());
  }
}
