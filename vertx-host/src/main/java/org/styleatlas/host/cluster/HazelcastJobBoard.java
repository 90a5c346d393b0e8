package org.styleatlas.host.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.flakeidgen.FlakeIdGenerator;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobBoard;
import org.styleatlas.engine.jobs.JobState;
import org.styleatlas.engine.jobs.JobStore;

/**
 * The job board of a render farm, in the Hazelcast instance of Vert.x's cluster manager: job
 * records, the queue, who runs what and cancel requests are distributed maps (one synchronous
 * backup each, so one engine's death loses nothing). Every engine keeps a view of the records,
 * updated by the maps' events, so reads never cross the network; writes take the record's lock.
 *
 * <p>A record is stored as {@code <version>\n<job JSON>}; the version grows with every change of
 * that record, so a late event never replaces a newer view.
 *
 * <p>When an engine leaves (Hazelcast's member-removed event, and a sweep every few seconds as a
 * safety net), each of its running jobs is handed to exactly one remaining engine ({@link
 * #onOrphan}), which queues it again.
 *
 * <p>Every engine keeps a copy of the farm's records on its own disk ({@link JobStore}, saved on
 * the changes the writer asked to persist), so the records survive a restart of the whole farm: on
 * start an engine puts back every record the farm no longer holds ({@link #restore}), and the
 * executor queues the unfinished ones again.
 *
 * <p>Trainers declare their device ({@link #declareTrainer}); a CPU trainer leaves a queued job to
 * a free GPU trainer for a grace period ({@link #defers}), so GPU hosts train first.
 */
public final class HazelcastJobBoard implements JobBoard {
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastJobBoard.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Names of the distributed structures. */
  static final String JOBS = "styleatlas.jobs";

  static final String QUEUE = "styleatlas.jobs.queue";
  static final String RUNNING = "styleatlas.jobs.running";
  static final String CANCELS = "styleatlas.jobs.cancels";
  static final String SUBMITS = "styleatlas.jobs.submits";
  static final String ORDER = "styleatlas.jobs.order";
  static final String TRAINERS = "styleatlas.jobs.trainers";

  /** The device a GPU trainer declares in {@link #TRAINERS}. */
  static final String GPU = "gpu";

  static final String CPU = "cpu";

  private final HazelcastInstance hz;
  private final String self;
  private final IMap<String, String> jobs;
  private final IMap<String, Long> queue;
  private final IMap<String, String> running;
  private final IMap<String, Boolean> cancels;
  private final IMap<String, Boolean> submits;
  private final FlakeIdGenerator order;
  private final IMap<String, String> trainers;
  private final JobStore disk;
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private volatile boolean gpu;
  private volatile long cpuGraceMs;
  private final Map<String, Versioned> view = new ConcurrentHashMap<>();
  private final List<Consumer<Job>> remoteListeners = new CopyOnWriteArrayList<>();
  private volatile BiConsumer<String, String> orphans = (id, engine) -> {};
  private volatile Set<String> lostBefore = Set.of();

  /** The runner record that marks a job being handed over after its runner record was lost. */
  static final String LOST = "lost";

  /**
   * One view entry.
   *
   * @param persist whether its writer asked to save this change (the map holds {@code <version>p}
   *     then)
   */
  private record Versioned(long version, boolean persist, Job job) {}

  /** The version-line suffix of a change to be saved on disk. */
  private static final char PERSIST = 'p';

  /**
   * @param hz the cluster manager's Hazelcast instance
   * @param self this engine's id: its Hazelcast member's UUID (membership events name members by
   *     it; Vert.x's node id is another UUID)
   * @param records this engine's copy of the farm's records (e.g. {@code <state>/farm-jobs})
   */
  public HazelcastJobBoard(HazelcastInstance hz, String self, Path records) {
    this.hz = hz;
    this.self = self;
    this.disk = new JobStore(records);
    this.trainers = hz.getMap(TRAINERS);
    this.jobs = hz.getMap(JOBS);
    this.queue = hz.getMap(QUEUE);
    this.running = hz.getMap(RUNNING);
    this.cancels = hz.getMap(CANCELS);
    this.submits = hz.getMap(SUBMITS);
    this.order = hz.getFlakeIdGenerator(ORDER);
    jobs.addEntryListener(new Events(), true);
    jobs.forEach((id, stored) -> apply(id, stored, false));
    firstSeenBounded();
    hz.getCluster()
        .addMembershipListener(
            new com.hazelcast.cluster.MembershipListener() {
              @Override
              public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
                LOG.info("engine {} joined the farm", e.getMember().getUuid());
              }

              @Override
              public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                LOG.warn("engine {} left the farm", e.getMember().getUuid());
                // Off Hazelcast's event thread: the hand-over writes to the maps.
                Thread t = new Thread(HazelcastJobBoard.this::sweepOrphans, "styleatlas-failover");
                t.setDaemon(true);
                t.start();
              }
            });
  }

  /** This engine's node id. */
  public String self() {
    return self;
  }

  /**
   * Who queues a job again when its engine left: called with (job id, the engine that left) on
   * exactly one remaining engine.
   */
  public void onOrphan(BiConsumer<String, String> handler) {
    this.orphans = handler;
  }

  /**
   * Hands every job run by an engine that is no longer a member to {@link #onOrphan}: the one
   * engine whose conditional remove of the running record succeeds queues it.
   */
  public void sweepOrphans() {
    try {
      Set<String> members =
          hz.getCluster().getMembers().stream()
              .map(Member::getUuid)
              .map(Object::toString)
              .collect(Collectors.toSet());
      Map<String, String> runners = new HashMap<>(running);
      for (Map.Entry<String, String> e : runners.entrySet()) {
        if (!members.contains(e.getValue()) && running.remove(e.getKey(), e.getValue())) {
          orphans.accept(e.getKey(), e.getValue());
        }
      }
      sweepLostRunners(runners.keySet());
    } catch (RuntimeException e) {
      LOG.warn("failover sweep failed (the next sweep retries): {}", e.toString());
    }
  }

  /**
   * A job shown running whose runner record is gone (lost with a host that died while the farm was
   * still moving data after a join) is handed over once it was seen so in two sweeps in a row; a
   * {@link #LOST} marker taken with {@code putIfAbsent} makes exactly one host do it.
   */
  private void sweepLostRunners(Set<String> withRunner) {
    Set<String> now =
        view.values().stream()
            .map(Versioned::job)
            .filter(j -> j.state() == JobState.RUNNING && !withRunner.contains(j.id()))
            .map(Job::id)
            .collect(Collectors.toSet());
    for (String id : now) {
      if (lostBefore.contains(id) && running.putIfAbsent(id, LOST) == null) {
        running.remove(id, LOST);
        orphans.accept(id, "(unknown: its runner record was lost)");
      }
    }
    lostBefore = now;
  }

  @Override
  public boolean shared() {
    return true;
  }

  /**
   * Puts back the records of this engine's copy that the farm no longer holds (every engine of it
   * stopped), or holds older (another engine put back its older copy first); returns them.
   */
  @Override
  public List<Job> restore() {
    List<Job> back = new ArrayList<>();
    for (Job j : disk.loadAll()) {
      jobs.lock(j.id());
      try {
        String stored = jobs.get(j.id());
        boolean newer =
            stored == null
                || (read(stored).updatedMs() < j.updatedMs() && !running.containsKey(j.id()));
        if (newer) {
          store(j, versionOf(stored) + 1, true);
          back.add(j);
        }
      } finally {
        jobs.unlock(j.id());
      }
    }
    if (!back.isEmpty()) {
      LOG.info("put {} job records back on the farm's board from this engine's copy", back.size());
    }
    return back;
  }

  /**
   * Declares this engine a trainer on {@code device} to the farm.
   *
   * @param onGpu whether it trains on a GPU
   * @param cpuGrace how long, as a CPU trainer, it leaves a queued job to a free GPU trainer
   */
  public void declareTrainer(boolean onGpu, java.time.Duration cpuGrace) {
    this.gpu = onGpu;
    this.cpuGraceMs = cpuGrace.toMillis();
    trainers.set(self, onGpu ? GPU : CPU);
    LOG.info(
        "trains on {}{}",
        onGpu ? GPU : CPU,
        onGpu ? "" : "; leaves a job to a free GPU trainer for " + cpuGrace.toSeconds() + " s");
  }

  /**
   * A CPU trainer defers a job while a GPU trainer of the farm is free (runs no job), until the job
   * waited {@code cpuGrace} since this engine first saw it queued.
   */
  @Override
  public boolean defers(Job job) {
    if (gpu || cpuGraceMs <= 0) {
      return false;
    }
    long now = System.currentTimeMillis();
    long seen = firstSeen.computeIfAbsent(job.id(), k -> now);
    return now - seen < cpuGraceMs && freeGpuTrainer();
  }

  /** Whether a member of the farm declared a GPU trainer and runs no job now. */
  boolean freeGpuTrainer() {
    Set<String> members =
        hz.getCluster().getMembers().stream()
            .map(m -> m.getUuid().toString())
            .collect(Collectors.toSet());
    Set<String> busy = Set.copyOf(running.values());
    return trainers.entrySet().stream()
        .anyMatch(
            e ->
                GPU.equals(e.getValue())
                    && members.contains(e.getKey())
                    && !busy.contains(e.getKey()));
  }

  /** Forgets when jobs were first seen once there are many (they are seen again at once). */
  private void firstSeenBounded() {
    if (firstSeen.size() > 10_000) {
      firstSeen.clear();
    }
  }

  @Override
  public Optional<Job> get(String id) {
    return Optional.ofNullable(view.get(id)).map(Versioned::job);
  }

  @Override
  public List<Job> all() {
    return new ArrayList<>(view.values().stream().map(Versioned::job).toList());
  }

  @Override
  public void put(Job job) {
    jobs.lock(job.id());
    try {
      long v = versionOf(jobs.get(job.id())) + 1;
      store(job, v, true);
    } finally {
      jobs.unlock(job.id());
    }
  }

  @Override
  public Job update(String id, UnaryOperator<Job> change, boolean persist) {
    jobs.lock(id);
    try {
      String stored = jobs.get(id);
      if (stored == null) {
        return null;
      }
      Job changed = change.apply(read(stored));
      store(changed, versionOf(stored) + 1, persist);
      return changed;
    } finally {
      jobs.unlock(id);
    }
  }

  private void store(Job job, long version, boolean persist) {
    String text;
    try {
      text =
          version + (persist ? String.valueOf(PERSIST) : "") + "\n" + JSON.writeValueAsString(job);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode job " + job.id(), e);
    }
    jobs.set(job.id(), text);
    apply(job.id(), text, false);
  }

  @Override
  public void remove(String id) {
    jobs.delete(id);
    queue.delete(id);
    cancels.delete(id);
    forget(id);
  }

  /** Drops a record from the view and from this engine's copy on disk. */
  private void forget(String id) {
    view.remove(id);
    firstSeen.remove(id);
    synchronized (disk) {
      disk.delete(id);
    }
  }

  @Override
  public <T> T exclusive(String output, Supplier<T> action) {
    submits.lock(output);
    try {
      return action.get();
    } finally {
      submits.unlock(output);
    }
  }

  @Override
  public long nextOrder() {
    return order.newId();
  }

  @Override
  public void enqueue(String id, long position) {
    queue.set(id, position);
  }

  @Override
  public Map<String, Long> queue() {
    return new HashMap<>(queue);
  }

  @Override
  public boolean dequeue(String id) {
    return queue.remove(id) != null;
  }

  @Override
  public boolean claim(String id) {
    if (running.putIfAbsent(id, self) != null) {
      return false;
    }
    if (queue.remove(id) == null) {
      running.remove(id, self);
      return false;
    }
    firstSeen.remove(id);
    firstSeenBounded();
    return true;
  }

  @Override
  public void release(String id) {
    running.remove(id, self);
  }

  @Override
  public void requestCancel(String id) {
    cancels.set(id, Boolean.TRUE);
  }

  @Override
  public boolean cancelRequested(String id) {
    return cancels.containsKey(id);
  }

  @Override
  public void clearCancel(String id) {
    cancels.delete(id);
  }

  @Override
  public void onRemoteChange(Consumer<Job> listener) {
    remoteListeners.add(listener);
  }

  /**
   * Updates the view unless it already holds a newer version, saves a change to be persisted in
   * this engine's copy, and tells listeners when remote.
   */
  private void apply(String id, String stored, boolean remote) {
    String head = stored.substring(0, stored.indexOf('\n'));
    Versioned next = new Versioned(versionOf(stored), head.indexOf(PERSIST) > 0, read(stored));
    Versioned now = view.merge(id, next, (old, nu) -> nu.version() > old.version() ? nu : old);
    if (next.persist()) {
      synchronized (disk) {
        // The newest version this engine knows, so a late save never puts back an older record.
        Versioned newest = view.get(id);
        if (newest != null) {
          disk.save(newest.job());
        }
      }
    }
    if (remote && now == next) {
      remoteListeners.forEach(l -> l.accept(next.job()));
    }
  }

  private static long versionOf(String stored) {
    if (stored == null) {
      return 0;
    }
    String head = stored.substring(0, stored.indexOf('\n'));
    return Long.parseLong(
        head.charAt(head.length() - 1) == PERSIST ? head.substring(0, head.length() - 1) : head);
  }

  private static Job read(String stored) {
    try {
      return JSON.readValue(stored.substring(stored.indexOf('\n') + 1), Job.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable job record: " + e.getMessage(), e);
    }
  }

  /** Map events: another engine's changes update the view and reach the listeners. */
  private final class Events
      implements EntryAddedListener<String, String>,
          EntryUpdatedListener<String, String>,
          EntryRemovedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> e) {
      changed(e);
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> e) {
      changed(e);
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> e) {
      forget(e.getKey());
    }

    private void changed(EntryEvent<String, String> e) {
      if (e.getValue() != null) {
        apply(e.getKey(), e.getValue(), !e.getMember().localMember());
      }
    }
  }
}
