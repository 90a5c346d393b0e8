package org.styleatlas.engine.jobs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The runners of this build, one per {@link JobKind}, and the frame renderer. A kind without a runner
 * keeps its jobs queued (stage "waiting") until an engine that has one starts.
 */
public final class JobRunners {
  private final Map<JobKind, JobRunner> runners = new EnumMap<>(JobKind.class);
  private FrameRenderer renderer;

  /** No runners: every job waits, renders answer pending with the source frame. */
  public static JobRunners none() {
    return new JobRunners();
  }

  /** Every {@link JobRunnerProvider} on the class path, registered in class-name order. */
  public static JobRunners discover() {
    JobRunners r = new JobRunners();
    java.util.ServiceLoader.load(JobRunnerProvider.class).stream()
        .sorted(java.util.Comparator.comparing(p -> p.type().getName()))
        .forEach(p -> p.get().register(r));
    return r;
  }

  public JobRunners set(JobKind kind, JobRunner runner) {
    runners.put(kind, runner);
    return this;
  }

  public JobRunners setRenderer(FrameRenderer r) {
    this.renderer = r;
    return this;
  }

  public Optional<JobRunner> runner(JobKind kind) {
    return Optional.ofNullable(runners.get(kind));
  }

  public Optional<FrameRenderer> renderer() {
    return Optional.ofNullable(renderer);
  }
}
