package org.styleatlas.host.http;

import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.host.bridge.WireParams;

/**
 * The body of {@code POST /v1/jobs}: {@code {"kind": "stylize", "priority": "batch", "source":
 * "/abs/frames", "matte": "/abs/masks", "params": {"prompt": "a swan made of gold"}}} (or {@code
 * "clip"} instead of source and matte). Params are those of docs/PROTOCOL.md.
 */
record JobRequest(
    JobKind kind,
    JobPriority priority,
    String clip,
    String source,
    String matte,
    WireParams params) {

  JobSpec toSpec() {
    WireParams p = params != null ? params.validated() : null;
    return new JobSpec(
        kind,
        priority,
        clip,
        source,
        matte,
        p == null ? null : p.decompose(),
        p == null ? null : p.style());
  }
}
