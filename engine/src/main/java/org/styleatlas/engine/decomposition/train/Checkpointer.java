package org.styleatlas.engine.decomposition.train;

import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.AtomicFiles;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.optim.TrainingClock;

/**
 * Atomic training checkpoints: the next iteration, the training time spent so far, the task's weights and
 * the optimiser state, tagged with an identity string (for example the hash of the data and config) so a
 * checkpoint of another run is never resumed.
 */
public final class Checkpointer {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final int MAGIC = 0x53414b50; // "SAKP"
  private static final int VERSION = 2;

  private final Path file;
  private final String identity;
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
    this.identity = identity;
    this.every = every;
  }

  /**
   * Where a run stands.
   *
   * @param nextIteration the iteration to continue from
   * @param trainingNanos training time spent before it, in nanoseconds of the run's {@link TrainingClock}
   *     (so a time budget and a schedule that follows it continue where they were)
   */
  public record Position(int nextIteration, long trainingNanos) {
    public Position {
      if (nextIteration < 0 || trainingNanos < 0) {
        throw new IllegalArgumentException("checkpoint position must be ≥ 0, got " + nextIteration + ", "
            + trainingNanos);
      }
    }
  }

  public Path file() {
    return file;
  }

  public int every() {
    return every;
  }

  /** Saves the state at {@code position}. */
  public void save(Position position, TrainingTask task, AdamOptimizer optimizer) throws IOException {
    AtomicFiles.write(file, stream -> {
      DataOutputStream out = new DataOutputStream(stream);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(identity);
      out.writeInt(position.nextIteration());
      out.writeLong(position.trainingNanos());
      task.saveWeights(out);
      optimizer.save(out);
      out.flush();
    });
    LOG.debug("checkpoint at iteration {} written to {}", position.nextIteration(), file);
  }

  /**
   * Restores the task and optimiser from the checkpoint, if one of this identity exists.
   *
   * @return where to continue from, or empty when there is nothing to resume
   */
  public Optional<Position> restore(TrainingTask task, AdamOptimizer optimizer, NDManager manager) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        LOG.warn("{} is not a checkpoint of this version; starting afresh", file);
        return Optional.empty();
      }
      String id = in.readUTF();
      if (!id.equals(identity)) {
        LOG.warn("{} belongs to another run; starting afresh", file);
        return Optional.empty();
      }
      Position position = new Position(in.readInt(), in.readLong());
      task.loadWeights(manager, in);
      optimizer.load(in);
      LOG.info("resuming from checkpoint {} at iteration {} after {} s of training", file,
          position.nextIteration(), String.format("%.1f", position.trainingNanos() / 1e9));
      return Optional.of(position);
    }
  }

  /** Removes the checkpoint (after a run finished and its result is stored). */
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
