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
 * <p>Records and the queue live on a {@link JobBoard}: this process's ({@link LocalJobBoard}), or a
 * board shared by the engines of a render farm, where each engine's trainer claims the next queued
 * job it can run, every engine sees every job, and a job whose engine left is queued again by one
 * of the others ({@link #requeueOrphan}) and resumes from its checkpoint in the shared cache.
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

  /** How often a job on a shared board reads the board for cancel and preemption requests. */
  private static final long SHARED_STOP_CHECK_MS = 250;

  /** The least time between two progress updates of a job on a shared board. */
  private static final long SHARED_PROGRESS_MS = 200;

  private final ContentCache cache;
  private final ClipStore clips;
  private final JobBoard board;
  private final Path checkpoints;
  private final JobRunners runners;
  private final Duration shutdownWait;
  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
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
    this(cache, stateDir, new LocalJobBoard(stateDir), runners, shutdownWait);
  }

  /**
   * An executor on {@code board}. Checkpoints live in {@code stateDir/checkpoints/<job id>/}, or,
   * on a shared board, in the shared cache's {@code work/jobs/<job id>/}, where every engine of the
   * farm reads them.
   */
  public JobExecutor(
      ContentCache cache,
      Path stateDir,
      JobBoard board,
      JobRunners runners,
      Duration shutdownWait) {
    this.cache = cache;
    this.clips = new ClipStore(cache);
    this.board = board;
    this.checkpoints =
        board.shared()
            ? cache.root().resolve("work").resolve("jobs")
            : stateDir.resolve("checkpoints");
    this.runners = runners;
    this.shutdownWait = shutdownWait;
  }

  /**
   * Loads the persisted jobs, queues the unfinished ones again (a job whose kind this build cannot
   * run fails, saying so), and starts the trainer thread.
   */
  public void start() {
    for (Job j : board.restore()) {
      if (j.state().terminal()) {
        continue;
      }
      if (unrunnableKind(j.spec())) {
        finish(j.id(), JobState.FAILED, "failed", noRunnerMessage(j.spec()));
        continue;
      }
      boolean interrupted = j.state() == JobState.RUNNING || j.runs() > 0;
      board.update(
          j.id(),
          old ->
              old.with(
                  JobState.QUEUED,
                  old.progress(),
                  interrupted ? "interrupted" : "queued",
                  interrupted ? "resumes from its last checkpoint" : waitingMessage(old.spec())),
          true);
      board.enqueue(j.id(), board.nextOrder());
      LOG.info("job {} ({}) queued again after a restart", j.id(), j.kind().wireName());
    }
    board.onRemoteChange(
        j -> {
          notifyListeners(j);
          wake();
        });
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
    String failure =
        failedDecomposition != null
            ? "its decomposition failed: " + failedDecomposition.message()
            : unrunnableKind(spec) ? noRunnerMessage(spec) : null;
    Job[] made = new Job[1];
    Job answer =
        board.exclusive(
            out.kind() + "/" + out.hash(),
            () -> {
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
                  return update(
                      same.get().id(), j -> j.withPriority(JobPriority.INTERACTIVE), true);
                }
                return same.get();
              }
              made[0] = newJob(spec, out, cached, failure);
              // Saved before any trainer can claim it, so this snapshot never overwrites a later
              // state.
              board.put(made[0]);
              if (made[0].state() == JobState.QUEUED) {
                board.enqueue(made[0].id(), board.nextOrder());
              }
              return made[0];
            });
    if (made[0] == null) {
      return answer;
    }
    Job job = made[0];
    wake();
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

  private Job newJob(JobSpec spec, CacheKey out, boolean cached, String failure) {
    long now = System.currentTimeMillis();
    if (cached) {
      return new Job(
          newId(), spec, JobState.SUCCEEDED, 1, "done", "already in the cache", out, 0, now, now);
    }
    if (failure != null) {
      return new Job(newId(), spec, JobState.FAILED, 0, "failed", failure, out, 0, now, now);
    }
    return new Job(
        newId(), spec, JobState.QUEUED, 0, "queued", waitingMessage(spec), out, 0, now, now);
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

  /** The newest job that writes {@code output}; call inside {@link JobBoard#exclusive}. */
  private Optional<Job> latestFor(CacheKey output) {
    return board.all().stream()
        .filter(j -> j.output().equals(output))
        .max(Comparator.comparingLong(Job::createdMs).thenComparing(Job::id));
  }

  /**
   * Keeps the job records bounded: beyond {@link #MAX_FINISHED} finished jobs, the oldest finished
   * ones are dropped from memory and disk (a dropped failure is simply tried again on the next
   * submit).
   */
  private void prune() {
    List<Job> finished =
        board.all().stream()
            .filter(j -> j.state().terminal())
            .sorted(Comparator.comparingLong(Job::updatedMs).thenComparing(Job::id))
            .toList();
    finished
        .subList(0, Math.max(0, finished.size() - MAX_FINISHED))
        .forEach(j -> board.remove(j.id()));
  }

  /** The job with this id, if any. */
  public Optional<Job> get(String id) {
    return id != null && ID.matcher(id).matches() ? board.get(id) : Optional.empty();
  }

  /** Every job, oldest first. */
  public List<Job> list() {
    List<Job> all = new ArrayList<>(board.all());
    all.sort(Comparator.comparingLong(Job::createdMs).thenComparing(Job::id));
    return all;
  }

  /** The unfinished job that writes {@code output}, if any. */
  public Optional<Job> activeFor(CacheKey output) {
    return board.all().stream()
        .filter(j -> !j.state().terminal() && j.output().equals(output))
        .findFirst();
  }

  /**
   * Cancels a job: a queued one at once, a running one (on this engine or, on a shared board, on
   * any other) at its next {@link JobContext#checkStop()}. Finished jobs are returned unchanged.
   */
  public Optional<Job> cancel(String id) {
    Optional<Job> found = get(id);
    if (found.isEmpty() || found.get().state().terminal()) {
      return found;
    }
    if (board.dequeue(id)) {
      deleteCheckpoint(id);
      return Optional.of(
          finish(id, JobState.CANCELLED, "cancelled", "cancelled before it started"));
    }
    board.requestCancel(id);
    return Optional.of(
        update(
            id,
            j -> j.with(j.state(), j.progress(), "cancelling", "stops at its next step"),
            true));
  }

  /**
   * Queues job {@code id} again because the engine that ran it left the farm (called by the shared
   * board on exactly one of the remaining engines); it resumes from its checkpoint in the shared
   * cache.
   *
   * @param engine the engine that left, for the message
   */
  public void requeueOrphan(String id, String engine) {
    Job j =
        update(
            id,
            old ->
                old.state().terminal()
                    ? old
                    : old.with(
                        JobState.QUEUED,
                        old.progress(),
                        "failover",
                        "engine " + engine + " left the farm; resumes from its last checkpoint"),
            true);
    if (j != null && !j.state().terminal()) {
      board.enqueue(id, -1L - board.nextOrder()); // ahead of the jobs that waited behind it
      LOG.warn("job {} queued again: its engine {} left the farm", id, engine);
      wake();
    }
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

  private void wake() {
    synchronized (lock) {
      lock.notifyAll();
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
      if (closing) {
        return null;
      }
      Map<String, Long> queue = board.queue();
      List<Job> candidates =
          queue.keySet().stream()
              .map(board::get)
              .flatMap(Optional::stream)
              .sorted(
                  Comparator.comparing((Job j) -> j.spec().priority())
                      .thenComparing(j -> queue.get(j.id())))
              .toList();
      for (Job j : candidates) {
        if (runnable(j) && !board.defers(j)) {
          synchronized (lock) {
            if (!closing && board.claim(j.id())) {
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
      ctx.checkStop();
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
      board.clearCancel(id);
      board.release(id);
    }
  }

  private void stopped(String id, JobStoppedException.Reason reason) {
    switch (reason) {
      case CANCELLED -> {
        deleteCheckpoint(id);
        finish(id, JobState.CANCELLED, "cancelled", "cancelled while running");
        failDependents(id, "its decomposition was cancelled");
      }
      case SHUTDOWN -> {
        update(
            id,
            j ->
                j.with(
                    JobState.QUEUED,
                    j.progress(),
                    "interrupted",
                    board.shared()
                        ? "its engine stopped; another engine resumes it from its last checkpoint"
                        : "the engine stopped; resumes from its last checkpoint on the next start"),
            true);
        if (board.shared()) {
          board.enqueue(id, -1L - board.nextOrder());
        }
      }
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
        board.enqueue(id, -1L - board.nextOrder()); // ahead of other batch jobs
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
    Job j = board.get(id).orElseThrow();
    if (j.kind() != JobKind.DECOMPOSE) {
      return;
    }
    board.queue().keySet().stream()
        .map(board::get)
        .flatMap(Optional::stream)
        .filter(
            s ->
                s.kind().buildsOnDecomposition()
                    && runners.keys().decomposition(s.spec()).equals(j.output()))
        .filter(s -> board.dequeue(s.id()))
        .forEach(s -> finish(s.id(), JobState.FAILED, "failed", message));
  }

  private Job finish(String id, JobState state, String stage, String message) {
    return update(
        id,
        j -> j.with(state, state == JobState.SUCCEEDED ? 1 : j.progress(), stage, message),
        true);
  }

  /** Changes and (when {@code persist}) saves a record atomically, then tells the listeners. */
  private Job update(String id, UnaryOperator<Job> change, boolean persist) {
    Job j = board.update(id, change, persist);
    if (j != null) {
      notifyListeners(j);
    }
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

  /**
   * Whether no engine with this build can run the spec's kind: the build runs jobs, but not this
   * kind (a build without any runner leaves its jobs to engines that have them).
   */
  private boolean unrunnableKind(JobSpec spec) {
    return runners.runner(spec.kind()).isEmpty() && !runners.runsNoJobs();
  }

  private String noRunnerMessage(JobSpec spec) {
    return "no "
        + spec.kind().wireName()
        + " runner is installed in this build, so the job cannot run (this build runs: "
        + runners.kindsText()
        + ")";
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
    private long lastBoardCheck;
    private long lastShared;
    private String lastStage;

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
      if (board.shared()) {
        // Every update crosses the network: at most one per SHARED_PROGRESS_MS, and each stage's
        // first.
        if (stage.equals(lastStage) && now - lastShared < SHARED_PROGRESS_MS) {
          return;
        }
        lastStage = stage;
        lastShared = now;
      }
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
      long now = System.currentTimeMillis();
      if (board.shared() && now - lastBoardCheck < SHARED_STOP_CHECK_MS) {
        return;
      }
      lastBoardCheck = now;
      if (board.cancelRequested(job.id())) {
        throw new JobStoppedException(JobStoppedException.Reason.CANCELLED);
      }
      boolean batch =
          board.get(job.id()).map(j -> j.spec().priority() == JobPriority.BATCH).orElse(false);
      if (batch && interactiveWaiting()) {
        throw new JobStoppedException(JobStoppedException.Reason.PREEMPTED);
      }
    }

    private boolean interactiveWaiting() {
      return board.queue().keySet().stream()
          .map(board::get)
          .flatMap(Optional::stream)
          .anyMatch(
              j ->
                  j.spec().priority() == JobPriority.INTERACTIVE
                      && runners.runner(j.kind()).isPresent());
    }
  }
}
