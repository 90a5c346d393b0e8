package org.styleatlas.engine.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.styleatlas.engine.InputException;

/** What a job computes. Each kind has at most one registered {@link JobRunner}. */
public enum JobKind {
  /** Clip → layered neural atlases (cache kind {@value ArtifactKeys#DECOMPOSITION}). */
  DECOMPOSE,
  /** Decomposition + prompt and settings → stylized editing atlas (cache kind {@value ArtifactKeys#STYLIZED}). */
  STYLIZE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static JobKind parse(String s) {
    for (JobKind k : values()) {
      if (k.wireName().equals(s)) {
        return k;
      }
    }
    throw new InputException("kind: must be 'decompose' or 'stylize', got '" + s + "'");
  }
}
