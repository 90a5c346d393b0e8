package org.styleatlas.engine.jobs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where a {@link JobExecutor} keeps its job records and its queue: in this process ({@link
 * LocalJobBoard}, records saved under the state folder) or shared by several engines (a render
 * farm: the host's cluster board), so that every engine sees every job and exactly one engine
 * claims each queued job.
 *
 * <p>Every method is thread-safe. A change made through {@link #update} is atomic per job and, when
 * persisted, reaches storage in the order the changes were made.
 */
public interface JobBoard {

  /**
   * Whether several engines share this board. Their jobs may run on any engine, so their
   * checkpoints must live where every engine reads them (the shared cache folder).
   */
  boolean shared();

  /** The records to restore on start (unfinished ones are queued again); empty when shared. */
  List<Job> restore();

  Optional<Job> get(String id);

  /** Every record, in no particular order. */
  List<Job> all();

  /** Adds or replaces a record (saved at once). */
  void put(Job job);

  /**
   * Applies {@code change} to the record of {@code id} atomically, and saves the result when {@code
   * persist}; a later change is never overwritten on disk by an earlier one.
   *
   * @return the changed record, or null when there is none
   */
  Job update(String id, UnaryOperator<Job> change, boolean persist);

  /** Forgets a record (memory and storage). */
  void remove(String id);

  /**
   * Runs {@code action} while no other engine of the board runs an action for the same output
   * (submission's "one job per output" check).
   *
   * @param output the output's address as {@code <kind>/<hash>}
   */
  <T> T exclusive(String output, Supplier<T> action);

  /** A position for {@link #enqueue}: increasing in submission order across the board. */
  long nextOrder();

  /** Puts job {@code id} in the queue at {@code order} (lower runs first within a priority). */
  void enqueue(String id, long order);

  /** A snapshot of the queue: job id → order. */
  Map<String, Long> queue();

  /** Takes {@code id} out of the queue without running it (cancel); true when it was queued. */
  boolean dequeue(String id);

  /**
   * Claims queued job {@code id} for this engine: atomically takes it out of the queue and records
   * this engine as its runner. Exactly one engine of the board gets true.
   */
  boolean claim(String id);

  /** This engine no longer runs job {@code id} (finished, stopped or requeued). */
  void release(String id);

  /**
   * Whether this engine leaves queued {@code job} to another engine of the board for now (a render
   * farm's CPU trainer leaves a job to a free GPU trainer for a short grace); asked before every
   * {@link #claim}, again at the trainer's next look at the queue.
   */
  default boolean defers(Job job) {
    return false;
  }

  /** Asks the engine that runs job {@code id}, wherever it is, to stop it as cancelled. */
  void requestCancel(String id);

  /** Whether {@link #requestCancel} was called for job {@code id} (and not cleared since). */
  boolean cancelRequested(String id);

  /** Clears a cancel request (the job stopped). */
  void clearCancel(String id);

  /**
   * Calls {@code listener} with every record changed by another engine of the board (never for this
   * engine's own changes); local boards never call it.
   */
  void onRemoteChange(Consumer<Job> listener);
}
