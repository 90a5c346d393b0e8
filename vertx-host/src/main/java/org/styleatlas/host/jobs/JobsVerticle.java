package org.styleatlas.host.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobSpec;

/**
 * The job service on the event bus (see {@link Addresses}); deploy as a worker verticle, since
 * submit and cancel write job records; submits run on the worker pool, unordered, so a slow one (a
 * long clip on files is read to identify it) holds up no query. Publishes every job change on
 * {@link Addresses#EVENTS}. Its consumers are local to the host, also in a farm (the farm shares
 * jobs through its board).
 */
public final class JobsVerticle extends VerticleBase {
  public static final int BAD_INPUT = 400;
  public static final int NOT_FOUND = 404;
  public static final int SERVER_ERROR = 500;

  private final JobExecutor jobs;

  public JobsVerticle(JobExecutor jobs) {
    this.jobs = jobs;
  }

  @Override
  public Future<?> start() {
    EventBus eb = vertx.eventBus();
    // Node-local: in a farm every host's executor hears every job's changes from the shared board,
    // so each host publishes them to its own listeners only.
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    jobs.addListener(job -> eb.publish(Addresses.EVENTS, job, local));
    return Future.all(
        eb.<JobSpec>localConsumer(Addresses.SUBMIT, this::submit).completion(),
        eb.<JobId>localConsumer(Addresses.GET, m -> reply(m, jobs.get(m.body().id()).orElse(null)))
            .completion(),
        eb.<JobId>localConsumer(
                Addresses.CANCEL, m -> reply(m, jobs.cancel(m.body().id()).orElse(null)))
            .completion(),
        eb.<JobList>localConsumer(Addresses.LIST, m -> m.reply(new JobList(jobs.list())))
            .completion());
  }

  /**
   * Submits off this verticle's context: identifying a clip on files reads its frames, which for a
   * long clip takes seconds, and job queries and cancels must not wait behind it.
   */
  private void submit(Message<JobSpec> m) {
    JobSpec spec = m.body();
    vertx
        .executeBlocking(
            () -> {
              mustExist("source", spec.sourcePath());
              mustExist("matte", spec.mattePath());
              return jobs.submit(spec);
            },
            false)
        .onSuccess(m::reply)
        .onFailure(
            e ->
                m.fail(
                    e instanceof InputException ? BAD_INPUT : SERVER_ERROR,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
  }

  private static void mustExist(String what, Path p) {
    if (p != null && !Files.isReadable(p)) {
      throw new InputException(
          what + ": " + p + " does not exist or is not readable by the engine");
    }
  }

  private static void reply(Message<JobId> m, Job job) {
    if (job == null) {
      m.fail(NOT_FOUND, "job " + m.body().id() + ": no such job");
    } else {
      m.reply(job);
    }
  }
}
