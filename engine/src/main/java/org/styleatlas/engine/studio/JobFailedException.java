package org.styleatlas.engine.studio;

import org.styleatlas.engine.jobs.Job;

/**
 * A result cannot be produced because the job that computes it failed, and stays failed until its
 * input or settings change ({@link org.styleatlas.engine.jobs.JobExecutor#submit}). The message
 * names the job's kind and its cause, fit to be shown to the user as is.
 */
public final class JobFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Job job;

  public JobFailedException(Job job) {
    super(
        "the "
            + job.kind().wireName()
            + " job "
            + job.id()
            + " failed: "
            + job.message()
            + " (it stays failed until the clip or its settings change)");
    this.job = job;
  }

  /** The failed job. */
  public Job job() {
    return job;
  }
}
