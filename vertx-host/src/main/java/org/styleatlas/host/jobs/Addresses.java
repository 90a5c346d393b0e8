package org.styleatlas.host.jobs;

/** Event-bus addresses of the job service; bodies are typed (see {@link JacksonCodec}). */
public final class Addresses {
  /** {@code JobSpec} → {@code Job}. Fails with 400 on bad input. */
  public static final String SUBMIT = "styleatlas.jobs.submit";

  /** {@link JobId} → {@code Job}. Fails with 404 when unknown. */
  public static final String GET = "styleatlas.jobs.get";

  /** {@link JobId} → {@code Job} after cancelling. Fails with 404 when unknown. */
  public static final String CANCEL = "styleatlas.jobs.cancel";

  /** {@link JobList} request (empty) → {@link JobList}. */
  public static final String LIST = "styleatlas.jobs.list";

  /** Published: a {@code Job} snapshot on every change of any job. */
  public static final String EVENTS = "styleatlas.jobs.events";

  private Addresses() {}
}
