package org.styleatlas.engine.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

/** A cancellation flag, checked by the trainer between steps; thread-safe. */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** A token that is never cancelled unless {@link #cancel} is called. */
  public static Cancellation none() {
    return new Cancellation();
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }
}
