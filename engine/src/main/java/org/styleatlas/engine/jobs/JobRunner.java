package org.styleatlas.engine.jobs;

/**
 * Computes one kind of job (see {@link JobKind}). Implementations are registered in {@link
 * JobRunners} and run one at a time on the executor's trainer thread; see {@link JobContext} for
 * the contract.
 */
@FunctionalInterface
public interface JobRunner {

  /**
   * Computes the job and writes its result to {@code ctx.outputKey()} in {@code ctx.cache()}.
   *
   * @throws JobStoppedException from {@link JobContext#checkStop()}, propagated
   * @throws org.styleatlas.engine.InputException when an input is bad (the job fails with its
   *     message)
   * @throws Exception on any other failure (the job fails with its message)
   */
  void run(JobContext ctx) throws Exception;
}
