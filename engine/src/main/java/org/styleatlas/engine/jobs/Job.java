package org.styleatlas.engine.jobs;

import org.styleatlas.engine.cache.CacheKey;

/**
 * An immutable snapshot of one job, as the API shows it and as it is persisted for restart.
 *
 * @param id the job id ({@code j-} and 16 hex digits)
 * @param spec what the job computes
 * @param state where it is in its life
 * @param progress 0 … 1 within the current run
 * @param stage a short machine-readable stage, e.g. "queued", "decomposing", "interrupted"
 * @param message a short human-readable status, or the error of a failed job
 * @param output the cache entry the job writes
 * @param runs how many times the job was started (more than 1 after a resume)
 * @param createdMs creation time, epoch milliseconds
 * @param updatedMs last change, epoch milliseconds
 */
public record Job(
    String id,
    JobSpec spec,
    JobState state,
    double progress,
    String stage,
    String message,
    CacheKey output,
    int runs,
    long createdMs,
    long updatedMs) {

  public JobKind kind() {
    return spec.kind();
  }

  Job with(JobState newState, double newProgress, String newStage, String newMessage) {
    return new Job(
        id,
        spec,
        newState,
        newProgress,
        newStage,
        newMessage,
        output,
        runs,
        createdMs,
        System.currentTimeMillis());
  }

  Job withPriority(JobPriority p) {
    JobSpec s =
        new JobSpec(
            spec.kind(),
            p,
            spec.clip(),
            spec.source(),
            spec.matte(),
            spec.decompose(),
            spec.kind().buildsOnDecomposition() ? spec.style() : null);
    return new Job(
        id,
        s,
        state,
        progress,
        stage,
        message,
        output,
        runs,
        createdMs,
        System.currentTimeMillis());
  }

  Job started() {
    return new Job(
        id,
        spec,
        JobState.RUNNING,
        progress,
        "starting",
        "",
        output,
        runs + 1,
        createdMs,
        System.currentTimeMillis());
  }
}
