package org.styleatlas.host.jobs;

import java.util.List;
import org.styleatlas.engine.jobs.Job;

/** Jobs, as an event-bus message body. */
public record JobList(List<Job> jobs) {
  public JobList {
    jobs = List.copyOf(jobs);
  }
}
