package org.styleatlas.engine.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam over parameter groups, each with its own learning-rate schedule, with state that can be
 * saved and restored bit for bit (DJL's optimiser keeps its moments private, so a resumed run could
 * not match an uninterrupted one). Moments live in this optimiser's own manager; temporaries of an
 * update are freed by an {@link NDScope}. Gradients are zeroed after they are applied.
 */
public final class AdamOptimizer implements AutoCloseable {
  private final List<ParameterGroup> groups;
  private final NDManager state;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private int steps;

  /**
   * @param groups the parameters, already initialised
   * @param manager parent manager of the moments (its device is the parameters' device)
   * @param beta1 first-moment decay, e.g. 0.9
   * @param beta2 second-moment decay, e.g. 0.999 (Instant-NGP: 0.99)
   * @param epsilon denominator guard, e.g. 1e-8 (Instant-NGP: 1e-15)
   */
  public AdamOptimizer(
      List<ParameterGroup> groups, NDManager manager, double beta1, double beta2, double epsilon) {
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
      throw new IllegalArgumentException(
          "bad Adam settings: " + beta1 + ", " + beta2 + ", " + epsilon);
    }
    this.groups = List.copyOf(groups);
    this.state = manager.newSubManager();
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    for (ParameterGroup g : this.groups) {
      for (Parameter p : g.parameters()) {
        NDArray w = p.getArray();
        firstMoments.add(state.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        secondMoments.add(state.zeros(w.getShape(), w.getDataType(), w.getDevice()));
      }
    }
  }

  /** Number of updates applied so far. */
  public int steps() {
    return steps;
  }

  /** Whether every parameter's gradient is finite (no NaN, no infinity). */
  public boolean gradientsFinite() {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (ParameterGroup g : groups) {
        for (Parameter p : g.parameters()) {
          NDArray grad = p.getArray().getGradient();
          boolean finite = Float.isFinite(grad.abs().sum().getFloat());
          grad.close();
          if (!finite) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Sets every gradient to exactly 0, also where it holds NaN or infinity. */
  public void zeroGradients() {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (ParameterGroup g : groups) {
        for (Parameter p : g.parameters()) {
          NDArray grad = p.getArray().getGradient();
          grad.set(grad.eq(grad).logicalOr(grad.isNaN()), 0f);
          grad.close();
        }
      }
    }
  }

  /** Applies one update with the learning rates of {@code iteration}, then zeroes the gradients. */
  public void step(int iteration) {
    step(iteration, 0);
  }

  /**
   * Applies one update with the learning rates of {@code iteration} when {@code budgetFraction} of
   * the run's time budget is spent (0 without a budget; see {@link LearningRateSchedule#at(int,
   * double)}), then zeroes the gradients.
   */
  public void step(int iteration, double budgetFraction) {
    steps++;
    float bias1 = (float) (1 - Math.pow(beta1, steps));
    float bias2 = (float) Math.sqrt(1 - Math.pow(beta2, steps));
    int k = 0;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (ParameterGroup g : groups) {
        float lr = (float) g.schedule().at(iteration, budgetFraction);
        for (Parameter p : g.parameters()) {
          NDArray w = p.getArray();
          NDArray m = firstMoments.get(k);
          NDArray v = secondMoments.get(k);
          k++;
          NDArray grad = w.getGradient();
          m.muli((float) beta1).addi(grad.mul((float) (1 - beta1)));
          v.muli((float) beta2).addi(grad.square().mul((float) (1 - beta2)));
          // w -= lr · (m / bias1) / (sqrt(v) / bias2 + eps)
          w.subi(m.mul(lr / bias1).div(v.sqrt().div(bias2).add((float) epsilon)));
          grad.subi(grad);
          grad.close();
        }
      }
    }
  }

  /** Writes the step count and every moment. */
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(steps);
    out.writeInt(firstMoments.size());
    for (int i = 0; i < firstMoments.size(); i++) {
      writeArray(out, firstMoments.get(i));
      writeArray(out, secondMoments.get(i));
    }
  }

  /** Reads state written by {@link #save} for the same parameter groups. */
  public void load(DataInputStream in) throws IOException {
    int s = in.readInt();
    int n = in.readInt();
    if (n != firstMoments.size()) {
      throw new IOException(
          "optimiser state holds " + n + " parameters, expected " + firstMoments.size());
    }
    for (int i = 0; i < n; i++) {
      readInto(in, firstMoments.get(i));
      readInto(in, secondMoments.get(i));
    }
    steps = s;
  }

  private static void writeArray(DataOutputStream out, NDArray a) throws IOException {
    float[] values = a.toFloatArray();
    out.writeInt(values.length);
    for (float f : values) {
      out.writeFloat(f);
    }
  }

  private static void readInto(DataInputStream in, NDArray target) throws IOException {
    int len = in.readInt();
    if (len != target.size()) {
      throw new IOException("optimiser moment holds " + len + " values, expected " + target.size());
    }
    float[] values = new float[len];
    for (int i = 0; i < len; i++) {
      values[i] = in.readFloat();
    }
    target.set(values);
  }

  @Override
  public void close() {
    state.close();
  }
}
