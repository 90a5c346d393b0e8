package org.styleatlas.engine.jobs;

/**
 * Thrown by {@link JobContext#checkStop()} when a runner must stop at once. Runners let it
 * propagate (after closing their resources); the executor decides from {@link #reason()} what
 * happens next.
 */
public final class JobStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the job stops. */
  public enum Reason {
    /** The user cancelled it; its checkpoint is deleted. */
    CANCELLED,
    /** The engine shuts down; the job resumes from its last checkpoint on the next start. */
    SHUTDOWN,
    /** An interactive job is waiting; this batch job goes back to the queue and resumes later. */
    PREEMPTED
  }

  private final Reason reason;

  public JobStoppedException(Reason reason) {
    super("job stopped: " + reason.name().toLowerCase(java.util.Locale.ROOT), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
