package org.styleatlas.engine.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Queue order: every interactive job (a preview in the viewer) runs before any batch job. */
public enum JobPriority {
  INTERACTIVE,
  BATCH;

  @JsonValue
  public String wireName() {
    return WireEnums.name(this);
  }

  @JsonCreator
  public static JobPriority parse(String s) {
    return WireEnums.parse(JobPriority.class, "priority", s);
  }
}
