package org.styleatlas.engine.decomposition.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.optim.TrainingClock;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.GradModeOff;

/**
 * The generic step loop: per step a native-memory sub-manager and a gradient collector, the task's
 * loss, backward, one Adam update; then listeners, checkpoints, the time budget and cancellation,
 * all between steps. Resumes from its checkpoint when one of the same identity exists.
 */
public final class Trainer {
  /** Steps in a row with a non-finite loss or gradient after which training counts as diverged. */
  static final int MAX_NON_FINITE_STEPS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final Engine engine;
  private final TrainingTask task;
  private final AdamOptimizer optimizer;
  private final int iterations;
  private final Optional<Duration> timeBudget;
  private final TrainingClock clock;
  private final Optional<Checkpointer> checkpointer;
  private final List<Periodic> listeners;
  private final Cancellation cancellation;

  private record Periodic(TrainingListener listener, int every) {}

  private Trainer(Builder b) {
    this.engine = b.engine;
    this.task = b.task;
    this.optimizer = b.optimizer;
    this.iterations = b.iterations;
    this.timeBudget = Optional.ofNullable(b.timeBudget);
    this.clock = b.clock;
    this.checkpointer = Optional.ofNullable(b.checkpointer);
    this.listeners = List.copyOf(b.listeners);
    this.cancellation = b.cancellation;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the loop from the checkpoint (if any) to the planned number of iterations, the time
   * budget, or cancellation, whichever comes first.
   *
   * <p>Runs with PyTorch's grad mode off on the calling thread ({@link GradModeOff}), so any thread
   * may train, not only the one that loaded the engine.
   *
   * @param manager the manager whose sub-managers hold each step's arrays
   */
  public TrainingResult run(NDManager manager) {
    try (GradModeOff noGrad = new GradModeOff()) {
      return loop(manager);
    }
  }

  private TrainingResult loop(NDManager manager) {
    Checkpointer.Position start = restore(manager);
    long trainingNanos = start.trainingNanos();
    StepMetrics last = null;
    TrainingResult.Stop stop = TrainingResult.Stop.FINISHED;
    int it = start.nextIteration();
    int nonFiniteStreak = 0;
    for (; it < iterations; it++) {
      if (cancellation.isCancelled()) {
        stop = TrainingResult.Stop.CANCELLED;
        break;
      }
      if (timeBudget.isPresent() && trainingNanos >= timeBudget.get().toNanos()) {
        stop = TrainingResult.Stop.TIME_BUDGET;
        break;
      }
      long t0 = clock.nanos();
      List<TermValue> terms = new ArrayList<>();
      double total;
      try (NDManager step = manager.newSubManager();
          GradientCollector gc = engine.newGradientCollector()) {
        StepLoss loss = task.loss(step, it);
        gc.backward(loss.total());
        total = loss.total().getFloat();
        for (StepLoss.Term term : loss.terms()) {
          terms.add(new TermValue(term.name(), term.weighted().getFloat()));
        }
      }
      if (Double.isFinite(total) && optimizer.gradientsFinite()) {
        optimizer.step(it, budgetFraction(trainingNanos));
        nonFiniteStreak = 0;
      } else {
        // A rare degenerate batch must not poison the weights: drop its gradient, as
        // mixed-precision
        // trainers do; only a run of such steps is divergence.
        optimizer.zeroGradients();
        nonFiniteStreak++;
        LOG.warn(
            "iteration {}: loss {} or its gradient is not finite; step skipped ({} in a row)",
            it,
            total,
            nonFiniteStreak);
        if (nonFiniteStreak >= MAX_NON_FINITE_STEPS) {
          throw new IllegalStateException(
              "training diverged: loss or gradient not finite for "
                  + nonFiniteStreak
                  + " steps in a row, at iteration "
                  + it);
        }
      }
      trainingNanos += clock.nanos() - t0;
      if (!Double.isFinite(total)) {
        continue;
      }
      last = new StepMetrics(it, iterations, total, terms, trainingNanos / 1e9);
      notify(last);
      checkpoint(new Checkpointer.Position(it + 1, trainingNanos), false);
    }
    TrainingResult result =
        new TrainingResult(it, stop, Optional.ofNullable(last), trainingNanos / 1e9);
    if (stop != TrainingResult.Stop.FINISHED) {
      checkpoint(new Checkpointer.Position(it, trainingNanos), true);
    }
    listeners.forEach(p -> p.listener().onEnd(result));
    LOG.debug("training stopped at iteration {} ({}), {} s", it, stop, result.trainingSeconds());
    return result;
  }

  /** The share of the time budget spent before this step, 0 without a budget. */
  private double budgetFraction(long trainingNanos) {
    return timeBudget.map(b -> trainingNanos / (double) b.toNanos()).orElse(0.0);
  }

  /** Where the checkpoint (if any) left off; iteration 0 with nothing spent otherwise. */
  private Checkpointer.Position restore(NDManager manager) {
    Checkpointer.Position afresh = new Checkpointer.Position(0, 0);
    if (checkpointer.isEmpty()) {
      return afresh;
    }
    try {
      return checkpointer.get().restore(task, optimizer, manager).orElse(afresh);
    } catch (IOException e) {
      LOG.warn(
          "cannot read checkpoint {} ({}); starting afresh",
          checkpointer.get().file(),
          e.getMessage());
      return afresh;
    } finally {
      // DJL's loadParameters replaces the arrays with ones that do not require gradients, also when
      // a
      // refused checkpoint was loaded only in part.
      task.parameterGroups()
          .forEach(g -> g.parameters().forEach(p -> p.getArray().setRequiresGradient(true)));
    }
  }

  private void notify(StepMetrics m) {
    boolean lastStep = m.iteration() + 1 == iterations;
    for (Periodic p : listeners) {
      if ((m.iteration() + 1) % p.every() == 0 || lastStep) {
        p.listener().onStep(m);
      }
    }
  }

  private void checkpoint(Checkpointer.Position at, boolean force) {
    if (checkpointer.isEmpty() || at.nextIteration() == 0) {
      return;
    }
    Checkpointer c = checkpointer.get();
    if (force || at.nextIteration() % c.every() == 0) {
      try {
        c.save(at, task, optimizer);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write checkpoint " + c.file() + ": " + e.getMessage(), e);
      }
    }
  }

  /** Builds a {@link Trainer}; task, optimiser, engine and iterations are required. */
  public static final class Builder {
    private Engine engine;
    private TrainingTask task;
    private AdamOptimizer optimizer;
    private int iterations = -1;
    private Duration timeBudget;
    private TrainingClock clock = TrainingClock.WALL;
    private Checkpointer checkpointer;
    private final List<Periodic> listeners = new ArrayList<>();
    private Cancellation cancellation = Cancellation.none();

    public Builder setEngine(Engine engine) {
      this.engine = engine;
      return this;
    }

    public Builder setTask(TrainingTask task) {
      this.task = task;
      return this;
    }

    public Builder setOptimizer(AdamOptimizer optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    public Builder setIterations(int iterations) {
      this.iterations = iterations;
      return this;
    }

    /** Stops once this much training time (listeners excluded) has passed. */
    public Builder optTimeBudget(Duration budget) {
      this.timeBudget = budget;
      return this;
    }

    /**
     * How training time is measured, for the budget and the reported seconds (default wall time).
     */
    public Builder optClock(TrainingClock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder optCheckpointer(Checkpointer checkpointer) {
      this.checkpointer = checkpointer;
      return this;
    }

    /** Calls {@code listener} after every {@code every} steps and after the last. */
    public Builder addListener(TrainingListener listener, int every) {
      if (every < 1) {
        throw new IllegalArgumentException("listener period must be ≥ 1, got " + every);
      }
      listeners.add(new Periodic(listener, every));
      return this;
    }

    public Builder optCancellation(Cancellation cancellation) {
      this.cancellation = cancellation;
      return this;
    }

    public Trainer build() {
      if (engine == null || task == null || optimizer == null) {
        throw new IllegalStateException("trainer needs an engine, a task and an optimiser");
      }
      if (iterations < 0) {
        throw new IllegalStateException(
            "trainer needs a number of iterations ≥ 0, got " + iterations);
      }
      if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
        throw new IllegalStateException("time budget must be positive, got " + timeBudget);
      }
      return new Trainer(this);
    }
  }
}
