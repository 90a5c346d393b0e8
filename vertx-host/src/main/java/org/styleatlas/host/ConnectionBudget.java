package org.styleatlas.host;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cap on simultaneously open connections of one kind (for example unauthenticated TCP
 * connections), so that nobody can use up the host's file descriptors and memory and the owner's
 * Unix sockets keep answering. Thread-safe.
 */
public final class ConnectionBudget {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  /**
   * @param max the most connections open at once, ≥ 1
   */
  public ConnectionBudget(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("connection cap must be ≥ 1, got " + max);
    }
    this.max = max;
  }

  /** Takes one place; false (and nothing taken) when all {@link #max()} are in use. */
  public boolean tryAcquire() {
    while (true) {
      int n = open.get();
      if (n >= max) {
        return false;
      }
      if (open.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives back a place taken with {@link #tryAcquire()}. */
  public void release() {
    open.decrementAndGet();
  }

  public int max() {
    return max;
  }

  /** Places in use now. */
  public int open() {
    return open.get();
  }
}
