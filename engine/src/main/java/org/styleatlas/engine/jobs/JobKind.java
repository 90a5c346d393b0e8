package org.styleatlas.engine.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a job computes. Each kind has at most one registered {@link JobRunner}. */
public enum JobKind {
  /** Clip → layered neural atlases (cache kind {@value ArtifactKeys#DECOMPOSITION}). */
  DECOMPOSE,
  /**
   * Decomposition + prompt and settings → stylized editing atlas (cache kind {@value
   * ArtifactKeys#STYLIZED}).
   */
  STYLIZE,
  /**
   * Decomposition + prompt and settings → a quick draft of the stylized atlas, rendered while the
   * full {@link #STYLIZE} job runs (cache kind {@value ArtifactKeys#STYLIZED_PREVIEW}).
   */
  PREVIEW;

  /** Whether the job needs its clip's decomposition first (and takes style settings). */
  public boolean buildsOnDecomposition() {
    return this != DECOMPOSE;
  }

  @JsonValue
  public String wireName() {
    return WireEnums.name(this);
  }

  @JsonCreator
  public static JobKind parse(String s) {
    return WireEnums.parse(JobKind.class, "kind", s);
  }
}
