package org.styleatlas.engine.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.styleatlas.engine.InputException;

/** Queue order: every interactive job (a preview in the viewer) runs before any batch job. */
public enum JobPriority {
  INTERACTIVE,
  BATCH;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static JobPriority parse(String s) {
    for (JobPriority p : values()) {
      if (p.wireName().equals(s)) {
        return p;
      }
    }
    throw new InputException("priority: must be 'interactive' or 'batch', got '" + s + "'");
  }
}
