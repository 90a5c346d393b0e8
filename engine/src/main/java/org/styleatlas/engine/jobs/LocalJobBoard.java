package org.styleatlas.engine.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The board of a single engine: records in memory, each saved as JSON under the state folder's
 * {@code jobs/} ({@link JobStore}) and restored on the next start.
 */
public final class LocalJobBoard implements JobBoard {
  private final JobStore store;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<String, Long> queued = new ConcurrentHashMap<>();
  private final Set<String> cancels = ConcurrentHashMap.newKeySet();
  private final Object submitLock = new Object();
  private long nextOrder;

  /** Records under {@code stateDir/jobs}. */
  public LocalJobBoard(Path stateDir) {
    this(new JobStore(stateDir.resolve("jobs")));
  }

  LocalJobBoard(JobStore store) {
    this.store = store;
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public List<Job> restore() {
    List<Job> all = store.loadAll();
    all.forEach(j -> jobs.put(j.id(), j));
    return all;
  }

  @Override
  public Optional<Job> get(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public List<Job> all() {
    return new ArrayList<>(jobs.values());
  }

  @Override
  public void put(Job job) {
    synchronized (store) {
      jobs.put(job.id(), job);
      store.save(job);
    }
  }

  @Override
  public Job update(String id, UnaryOperator<Job> change, boolean persist) {
    // The change and its save happen under one lock: two threads' saves never cross.
    synchronized (store) {
      Job j = jobs.computeIfPresent(id, (k, old) -> change.apply(old));
      if (j != null && persist) {
        store.save(j);
      }
      return j;
    }
  }

  @Override
  public void remove(String id) {
    synchronized (store) {
      jobs.remove(id);
      store.delete(id);
    }
  }

  @Override
  public <T> T exclusive(String output, Supplier<T> action) {
    synchronized (submitLock) {
      return action.get();
    }
  }

  @Override
  public synchronized long nextOrder() {
    return nextOrder++;
  }

  @Override
  public void enqueue(String id, long order) {
    queued.put(id, order);
  }

  @Override
  public Map<String, Long> queue() {
    return new HashMap<>(queued);
  }

  @Override
  public boolean dequeue(String id) {
    return queued.remove(id) != null;
  }

  @Override
  public boolean claim(String id) {
    return queued.remove(id) != null;
  }

  @Override
  public void release(String id) {
    // nothing recorded: the executor knows what it runs
  }

  @Override
  public void requestCancel(String id) {
    cancels.add(id);
  }

  @Override
  public boolean cancelRequested(String id) {
    return cancels.contains(id);
  }

  @Override
  public void clearCancel(String id) {
    cancels.remove(id);
  }

  @Override
  public void onRemoteChange(Consumer<Job> listener) {
    // a local board has no other engines
  }
}
