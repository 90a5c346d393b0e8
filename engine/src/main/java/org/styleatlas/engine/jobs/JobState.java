package org.styleatlas.engine.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Life of a job: queued → running → succeeded | failed | cancelled; running may go back to queued.
 */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** Whether the job will never run again. */
  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  @JsonValue
  public String wireName() {
    return WireEnums.name(this);
  }

  @JsonCreator
  public static JobState parse(String s) {
    return WireEnums.parse(JobState.class, "state", s);
  }
}
