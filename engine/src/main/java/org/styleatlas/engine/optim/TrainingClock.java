package org.styleatlas.engine.optim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What "training time" means for time budgets and reported seconds.
 *
 * <p>{@link #WALL} is elapsed time. {@link #THREAD_CPU} is the CPU time of the training thread:
 * with torch single-threaded on the CPU (intra-op work and the autograd backward both run on the
 * calling thread), it equals wall time on an idle machine and stays the same when other processes
 * share the cores, so budgets measured with it compare across runs on a shared machine.
 */
public enum TrainingClock {
  WALL {
    @Override
    public long nanos() {
      return System.nanoTime();
    }
  },
  THREAD_CPU {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public long nanos() {
      return threads.getCurrentThreadCpuTime();
    }
  };

  /** A reading in nanoseconds; only differences between readings on one thread mean anything. */
  public abstract long nanos();
}
