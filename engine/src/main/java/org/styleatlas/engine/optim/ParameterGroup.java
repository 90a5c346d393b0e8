package org.styleatlas.engine.optim;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Parameters sharing a learning-rate schedule (for example hash tables at 1e-2, MLPs at 1e-3).
 *
 * @param name a short name for logs
 * @param parameters the parameters; each must require gradients
 * @param schedule the learning rate per iteration
 */
public record ParameterGroup(
    String name, List<Parameter> parameters, LearningRateSchedule schedule) {
  public ParameterGroup {
    parameters = List.copyOf(parameters);
  }
}
