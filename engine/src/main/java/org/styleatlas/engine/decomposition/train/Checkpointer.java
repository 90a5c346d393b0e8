package org.styleatlas.engine.decomposition.train;

import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CheckpointFile;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.optim.TrainingClock;

/**
 * Decomposition training checkpoints: the next iteration, the training time spent so far, the
 * task's weights and the optimiser state, in the one checkpoint format ({@link CheckpointFile}:
 * checksummed, tagged with the run's identity, for example the hash of the data and config, so a
 * checkpoint of another run is never resumed and a corrupt one is set aside).
 */
public final class Checkpointer {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  private final Path file;
  private final CheckpointFile checkpoint;
  private final int every;

  /**
   * @param file where the checkpoint lives (replaced atomically on every save)
   * @param identity what the checkpoint belongs to; a file with another identity is ignored
   * @param every save after every {@code every} iterations, ≥ 1
   */
  public Checkpointer(Path file, String identity, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint period must be ≥ 1, got " + every);
    }
    this.file = file;
    this.checkpoint = new CheckpointFile(file, CheckpointFile.Kind.DECOMPOSITION, identity);
    this.every = every;
  }

  /**
   * Where a run stands.
   *
   * @param nextIteration the iteration to continue from
   * @param trainingNanos training time spent before it, in nanoseconds of the run's {@link
   *     TrainingClock} (so a time budget and a schedule that follows it continue where they were)
   */
  public record Position(int nextIteration, long trainingNanos) {
    public Position {
      if (nextIteration < 0 || trainingNanos < 0) {
        throw new IllegalArgumentException(
            "checkpoint position must be ≥ 0, got " + nextIteration + ", " + trainingNanos);
      }
    }
  }

  public Path file() {
    return file;
  }

  public int every() {
    return every;
  }

  /**
   * Saves the state at {@code position}, atomically; on failure the earlier checkpoint is
   * unchanged.
   */
  public void save(Position position, TrainingTask task, AdamOptimizer optimizer)
      throws IOException {
    checkpoint.save(
        out -> {
          out.writeInt(position.nextIteration());
          out.writeLong(position.trainingNanos());
          task.saveWeights(out);
          optimizer.save(out);
        });
    LOG.debug("checkpoint at iteration {} written to {}", position.nextIteration(), file);
  }

  /**
   * Whether a checkpoint of this run is there to resume from; a bad one is reported with its path
   * and moved aside ({@link CheckpointFile}), so the caller starts afresh (pre-training included).
   */
  public boolean resumable() throws IOException {
    return checkpoint.resumable();
  }

  /**
   * Restores the task and optimiser from the checkpoint, if a sound one of this run exists. A
   * payload that does not fit the task is reported and moved aside like a corrupt file.
   *
   * @return where to continue from, or empty when there is nothing to resume
   */
  public Optional<Position> restore(TrainingTask task, AdamOptimizer optimizer, NDManager manager)
      throws IOException {
    Optional<DataInputStream> payload = checkpoint.open();
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    DataInputStream in = payload.get();
    Position position;
    try {
      position = new Position(in.readInt(), in.readLong());
      task.loadWeights(manager, in);
      optimizer.load(in);
    } catch (IOException | RuntimeException e) {
      return checkpoint.setAside("its content does not fit this run (" + e.getMessage() + ")");
    }
    LOG.info(
        "resuming from checkpoint {} at iteration {} after {} s of training",
        file,
        position.nextIteration(),
        String.format("%.1f", position.trainingNanos() / 1e9));
    return Optional.of(position);
  }

  /** Removes the checkpoint (after a run finished and its result is stored). */
  public void delete() throws IOException {
    checkpoint.delete();
  }
}
