package org.styleatlas.engine.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.AtomicFiles;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;

/**
 * Runs jobs one at a time on its own trainer thread, from a queue ordered by priority (every
 * interactive job before any batch job), then by submission. Job records and checkpoints live under
 * a state folder, so after a restart every job that was queued or running is queued again and
 * resumes from its last checkpoint. A waiting interactive job preempts a running batch job at its
 * next {@link JobContext#checkStop()}; the batch job goes back to the queue and resumes from its
 * checkpoint.
 *
 * <p>Thread-safe. Reads ({@link #get}, {@link #list}) never wait for disk; {@link #submit} and
 * {@link #cancel} may write a small record and should run off event loops.
 */
public final class JobExecutor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobExecutor.class);
  private static final Pattern ID = Pattern.compile("j-[0-9a-f]{16}");
  private static final long PERSIST_EVERY_MS = 1000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Finished jobs kept (records in memory and on disk); older ones are dropped. */
  static final int MAX_FINISHED = 200;

  private final ContentCache cache;
  private final ClipStore clips;
  private final JobStore store;
  private final Path checkpoints;
  private final JobRunners runners;
  private final Duration shutdownWait;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Map<String, Long> queued = new ConcurrentHashMap<>(); // id → submission order
  private long nextSeq;
  private volatile String runningId;
  private volatile JobStoppedException.Reason stopRequest;
  private volatile boolean closing;
  private Thread trainer;

  /**
   * @param cache where results go
   * @param stateDir job records ({@code jobs/}) and checkpoints ({@code checkpoints/})
   * @param runners the runners of this build
   * @param shutdownWait how long {@link #close()} waits for the running job to checkpoint and stop
   */
  public JobExecutor(ContentCache cache, Path stateDir, JobRunners runners, Duration shutdownWait) {
    this.cache = cache;
    this.clips = new ClipStore(cache);
    this.store = new JobStore(stateDir.resolve("jobs"));
    this.checkpoints = stateDir.resolve("checkpoints");
    this.runners = runners;
    this.shutdownWait = shutdownWait;
  }

  /** Loads the persisted jobs, queues the unfinished ones again, and starts the trainer thread. */
  public void start() {
    for (Job j : store.loadAll()) {
      if (!j.state().terminal()) {
        boolean interrupted = j.state() == JobState.RUNNING || j.runs() > 0;
        j =
            j.with(
                JobState.QUEUED,
                j.progress(),
                interrupted ? "interrupted" : "queued",
                interrupted ? "resumes from its last checkpoint" : waitingMessage(j.spec()));
        queued.put(j.id(), nextSeq++);
        store.save(j);
        LOG.info("job {} ({}) queued again after a restart", j.id(), j.kind().wireName());
      }
      jobs.put(j.id(), j);
    }
    prune();
    trainer = new Thread(this::loop, "styleatlas-trainer");
    trainer.start();
  }

  public void addListener(JobListener l) {
    listeners.add(l);
  }

  /**
   * Queues a job, or returns the job already known for the same output (same input and settings):
   * the unfinished one (its priority raised to interactive if asked), the failed one (a failure
   * stays until the input or the settings change, so a failing job is never queued again; see
   * {@link #retry}), or a succeeded one while its output is cached. A stylize job also queues its
   * decomposition when that is not cached, and fails at once when that decomposition failed.
   */
  public Job submit(JobSpec spec) {
    return submit(spec, false);
  }

  /**
   * As {@link #submit(JobSpec)}; {@code again} queues a new job even when the newest for the output
   * failed.
   */
  private Job submit(JobSpec spec, boolean again) {
    CacheKey out = runners.keys().output(spec);
    Job failedDecomposition = null;
    if (spec.kind().buildsOnDecomposition()
        && cache.find(runners.keys().decomposition(spec)).isEmpty()) {
      Job d = submit(spec.decomposition());
      failedDecomposition = d.state() == JobState.FAILED ? d : null;
    }
    boolean cached = cache.find(out).isPresent();
    Job job;
    synchronized (lock) {
      Optional<Job> same =
          latestFor(out)
              .filter(
                  j ->
                      !j.state().terminal()
                          || (j.state() == JobState.FAILED && !again)
                          || (j.state() == JobState.SUCCEEDED && cached));
      if (same.isPresent()) {
        if (spec.priority() == JobPriority.INTERACTIVE
            && same.get().spec().priority() == JobPriority.BATCH
            && !same.get().state().terminal()) {
          return update(same.get().id(), j -> j.withPriority(JobPriority.INTERACTIVE), true);
        }
        return same.get();
      }
      long now = System.currentTimeMillis();
      if (cached) {
        job =
            new Job(
                newId(),
                spec,
                JobState.SUCCEEDED,
                1,
                "done",
                "already in the cache",
                out,
                0,
                now,
                now);
      } else if (failedDecomposition != null) {
        job =
            new Job(
                newId(),
                spec,
                JobState.FAILED,
                0,
                "failed",
                "its decomposition failed: " + failedDecomposition.message(),
                out,
                0,
                now,
                now);
      } else {
        job =
            new Job(
                newId(),
                spec,
                JobState.QUEUED,
                0,
                "queued",
                waitingMessage(spec),
                out,
                0,
                now,
                now);
      }
      jobs.put(job.id(), job);
      // Saved before the trainer can claim it, so this snapshot never overwrites a later state.
      store.save(job);
      if (job.state() == JobState.QUEUED) {
        queued.put(job.id(), nextSeq++);
        lock.notifyAll();
      }
    }
    notifyListeners(job);
    prune();
    LOG.info(
        "job {} submitted: {} {} for {} with {}{}",
        job.id(),
        spec.priority().wireName(),
        spec.kind().wireName(),
        spec.clip() != null ? "clip " + spec.clip().substring(0, 12) : spec.source(),
        spec.decompose(),
        spec.kind() == JobKind.STYLIZE ? " " + spec.style() : "");
    return job;
  }

  /**
   * Queues the spec of the failed or cancelled job with this id again, as a new job (the user fixed
   * the environment, e.g. freed disk space); the old record stays as it was. Other jobs are
   * returned unchanged.
   */
  public Optional<Job> retry(String id) {
    Optional<Job> found = get(id);
    if (found.isEmpty()
        || (found.get().state() != JobState.FAILED && found.get().state() != JobState.CANCELLED)) {
      return found;
    }
    return Optional.of(submit(found.get().spec(), true));
  }

  /** The newest job that writes {@code output}; call with {@code lock} held. */
  private Optional<Job> latestFor(CacheKey output) {
    return jobs.values().stream()
        .filter(j -> j.output().equals(output))
        .max(Comparator.comparingLong(Job::createdMs).thenComparing(Job::id));
  }

  /**
   * Keeps the job records bounded: beyond {@link #MAX_FINISHED} finished jobs, the oldest finished
   * ones are dropped from memory and disk (a dropped failure is simply tried again on the next
   * submit).
   */
  private void prune() {
    List<Job> drop;
    synchronized (lock) {
      List<Job> finished =
          jobs.values().stream()
              .filter(j -> j.state().terminal())
              .sorted(Comparator.comparingLong(Job::updatedMs).thenComparing(Job::id))
              .toList();
      drop = finished.subList(0, Math.max(0, finished.size() - MAX_FINISHED));
    }
    drop.forEach(j -> forget(j.id()));
  }

  private void forget(String id) {
    jobs.remove(id);
    store.delete(id);
  }

  /** The job with this id, if any. */
  public Optional<Job> get(String id) {
    return id != null && ID.matcher(id).matches()
        ? Optional.ofNullable(jobs.get(id))
        : Optional.empty();
  }

  /** Every job, oldest first. */
  public List<Job> list() {
    List<Job> all = new ArrayList<>(jobs.values());
    all.sort(Comparator.comparingLong(Job::createdMs).thenComparing(Job::id));
    return all;
  }

  /** The unfinished job that writes {@code output}, if any. */
  public Optional<Job> activeFor(CacheKey output) {
    return jobs.values().stream()
        .filter(j -> !j.state().terminal() && j.output().equals(output))
        .findFirst();
  }

  /**
   * Cancels a job: a queued one at once, the running one at its next {@link
   * JobContext#checkStop()}. Finished jobs are returned unchanged.
   */
  public Optional<Job> cancel(String id) {
    Optional<Job> found = get(id);
    if (found.isEmpty() || found.get().state().terminal()) {
      return found;
    }
    synchronized (lock) {
      if (id.equals(runningId)) {
        stopRequest = JobStoppedException.Reason.CANCELLED;
        return Optional.of(
            update(
                id,
                j -> j.with(j.state(), j.progress(), "cancelling", "stops at its next step"),
                false));
      }
      queued.remove(id);
    }
    deleteCheckpoint(id);
    return Optional.of(finish(id, JobState.CANCELLED, "cancelled", "cancelled before it started"));
  }

  /** Asks the running job to checkpoint and stop, waits for it, and stops the trainer thread. */
  @Override
  public void close() {
    synchronized (lock) {
      closing = true;
      if (runningId != null) {
        stopRequest = JobStoppedException.Reason.SHUTDOWN;
      }
      lock.notifyAll();
    }
    if (trainer == null) {
      return;
    }
    try {
      trainer.join(shutdownWait.toMillis());
      if (trainer.isAlive()) {
        LOG.warn(
            "job {} did not stop within {} s; it resumes from its last checkpoint on the next start",
            runningId,
            shutdownWait.toSeconds());
        trainer.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (true) {
      String id = next();
      if (id == null) {
        return;
      }
      run(id);
    }
  }

  /** Blocks until a runnable job is queued and claims it; null when closing. */
  private String next() {
    while (true) {
      List<Job> candidates;
      synchronized (lock) {
        if (closing) {
          return null;
        }
        candidates =
            queued.keySet().stream()
                .map(jobs::get)
                .sorted(
                    Comparator.comparing((Job j) -> j.spec().priority())
                        .thenComparing(j -> queued.get(j.id())))
                .toList();
      }
      for (Job j : candidates) {
        if (runnable(j)) {
          synchronized (lock) {
            if (!closing && queued.remove(j.id()) != null) {
              runningId = j.id();
              stopRequest = null;
              return j.id();
            }
          }
        }
      }
      synchronized (lock) {
        if (closing) {
          return null;
        }
        try {
          lock.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  private boolean runnable(Job j) {
    if (runners.runner(j.kind()).isEmpty()) {
      return false;
    }
    return !j.kind().buildsOnDecomposition()
        || cache.find(runners.keys().decomposition(j.spec())).isPresent();
  }

  private void run(String id) {
    Job job = update(id, Job::started, true);
    Path cp = checkpoints.resolve(id);
    LOG.info("job {} ({}) starts, run {}", id, job.kind().wireName(), job.runs());
    try {
      Files.createDirectories(cp);
      Context ctx = new Context(job, cp);
      runners.runner(job.kind()).orElseThrow().run(ctx);
      if (cache.find(job.output()).isPresent()) {
        deleteCheckpoint(id);
        finish(id, JobState.SUCCEEDED, "done", "");
      } else {
        fail(id, "the " + job.kind().wireName() + " runner finished without writing its result");
      }
    } catch (JobStoppedException e) {
      stopped(id, e.reason());
    } catch (InputException e) {
      fail(id, e.getMessage());
    } catch (Exception e) {
      LOG.error("job {} failed", id, e);
      fail(id, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      synchronized (lock) {
        runningId = null;
        stopRequest = null;
      }
    }
  }

  private void stopped(String id, JobStoppedException.Reason reason) {
    switch (reason) {
      case CANCELLED -> {
        deleteCheckpoint(id);
        finish(id, JobState.CANCELLED, "cancelled", "cancelled while running");
        failDependents(id, "its decomposition was cancelled");
      }
      case SHUTDOWN ->
          update(
              id,
              j ->
                  j.with(
                      JobState.QUEUED,
                      j.progress(),
                      "interrupted",
                      "the engine stopped; resumes from its last checkpoint on the next start"),
              true);
      case PREEMPTED -> {
        update(
            id,
            j ->
                j.with(
                    JobState.QUEUED,
                    j.progress(),
                    "preempted",
                    "an interactive job runs first; resumes from its last checkpoint"),
            true);
        synchronized (lock) {
          queued.put(id, -1L - nextSeq++); // ahead of other batch jobs
        }
      }
    }
  }

  private void fail(String id, String message) {
    LOG.warn("job {} failed: {}", id, message);
    finish(id, JobState.FAILED, "failed", message);
    failDependents(id, "its decomposition failed: " + message);
  }

  /** Fails queued stylize jobs waiting for the decomposition that job {@code id} was computing. */
  private void failDependents(String id, String message) {
    Job j = jobs.get(id);
    if (j.kind() != JobKind.DECOMPOSE) {
      return;
    }
    List<String> dependents;
    synchronized (lock) {
      dependents =
          queued.keySet().stream()
              .map(jobs::get)
              .filter(
                  s ->
                      s.kind().buildsOnDecomposition()
                          && runners.keys().decomposition(s.spec()).equals(j.output()))
              .map(Job::id)
              .toList();
      dependents.forEach(queued::remove);
    }
    dependents.forEach(d -> finish(d, JobState.FAILED, "failed", message));
  }

  private Job finish(String id, JobState state, String stage, String message) {
    return update(
        id,
        j -> j.with(state, state == JobState.SUCCEEDED ? 1 : j.progress(), stage, message),
        true);
  }

  private Job update(String id, UnaryOperator<Job> change, boolean persist) {
    Job j = jobs.computeIfPresent(id, (k, old) -> change.apply(old));
    if (persist) {
      store.save(j);
    }
    notifyListeners(j);
    return j;
  }

  private void notifyListeners(Job j) {
    for (JobListener l : listeners) {
      try {
        l.changed(j);
      } catch (RuntimeException e) {
        LOG.warn("job listener failed on {}: {}", j.id(), e.toString());
      }
    }
  }

  private String waitingMessage(JobSpec spec) {
    if (runners.runner(spec.kind()).isEmpty()) {
      return "waiting: no " + spec.kind().wireName() + " runner is installed in this build";
    }
    return spec.kind().buildsOnDecomposition()
        ? "waits for its decomposition, then for the trainer"
        : "waits for the trainer";
  }

  private void deleteCheckpoint(String id) {
    Path cp = checkpoints.resolve(id);
    try {
      AtomicFiles.deleteTree(cp);
    } catch (IOException e) {
      LOG.warn("cannot delete checkpoint {}: {}", cp, e.getMessage());
    }
  }

  private static String newId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return "j-" + HexFormat.of().formatHex(b);
  }

  /** The context of one run of one job. */
  private final class Context implements JobContext {
    private final Job job;
    private final Path checkpointDir;
    private final boolean resumed;
    private long lastPersist;

    Context(Job job, Path checkpointDir) throws IOException {
      this.job = job;
      this.checkpointDir = checkpointDir;
      try (Stream<Path> s = Files.list(checkpointDir)) {
        this.resumed = s.findAny().isPresent();
      }
    }

    @Override
    public String jobId() {
      return job.id();
    }

    @Override
    public JobSpec spec() {
      return job.spec();
    }

    @Override
    public CacheKey outputKey() {
      return job.output();
    }

    @Override
    public ContentCache cache() {
      return cache;
    }

    @Override
    public ClipStore clips() {
      return clips;
    }

    @Override
    public Path checkpointDir() {
      return checkpointDir;
    }

    @Override
    public boolean resumed() {
      return resumed;
    }

    @Override
    public void progress(String stage, double fraction, String message) {
      double f = Math.max(0, Math.min(1, Double.isFinite(fraction) ? fraction : 0));
      long now = System.currentTimeMillis();
      boolean persist = now - lastPersist >= PERSIST_EVERY_MS;
      if (persist) {
        lastPersist = now;
      }
      update(
          job.id(),
          j -> j.with(JobState.RUNNING, f, stage, message == null ? "" : message),
          persist);
    }

    @Override
    public void checkStop() {
      JobStoppedException.Reason r = stopRequest;
      if (r != null) {
        throw new JobStoppedException(r);
      }
      if (jobs.get(job.id()).spec().priority() == JobPriority.BATCH && interactiveWaiting()) {
        throw new JobStoppedException(JobStoppedException.Reason.PREEMPTED);
      }
    }

    private boolean interactiveWaiting() {
      return queued.keySet().stream()
          .map(jobs::get)
          .anyMatch(
              j ->
                  j != null
                      && j.spec().priority() == JobPriority.INTERACTIVE
                      && runners.runner(j.kind()).isPresent());
    }
  }
}
