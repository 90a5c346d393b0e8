package org.styleatlas.engine.jobs;

/**
 * How runners join a build without anyone editing the host: an implementation listed in {@code
 * META-INF/services/org.styleatlas.engine.jobs.JobRunnerProvider} is found by {@link
 * JobRunners#discover()} and registers its runners (and, for stylization, the frame renderer).
 */
@FunctionalInterface
public interface JobRunnerProvider {
  void register(JobRunners runners);
}
