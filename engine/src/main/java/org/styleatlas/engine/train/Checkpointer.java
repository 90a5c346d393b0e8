package org.styleatlas.engine.train;

import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.AtomicFiles;

/**
 * Atomic training checkpoints: the next iteration, the task's weights and the optimiser state, tagged
 * with an identity string (for example the hash of the data and config) so a checkpoint of another run
 * is never resumed.
 */
public final class Checkpointer {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final int MAGIC = 0x53414b50; // "SAKP"
  private static final int VERSION = 1;

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

  public Path file() {
    return file;
  }

  public int every() {
    return every;
  }

  /** Saves the state before iteration {@code nextIteration}. */
  public void save(int nextIteration, TrainingTask task, AdamOptimizer optimizer) throws IOException {
    AtomicFiles.write(file, stream -> {
      DataOutputStream out = new DataOutputStream(stream);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(identity);
      out.writeInt(nextIteration);
      task.saveWeights(out);
      optimizer.save(out);
      out.flush();
    });
    LOG.debug("checkpoint at iteration {} written to {}", nextIteration, file);
  }

  /**
   * Restores the task and optimiser from the checkpoint, if one of this identity exists.
   *
   * @return the iteration to continue from, or empty when there is nothing to resume
   */
  public OptionalInt restore(TrainingTask task, AdamOptimizer optimizer, NDManager manager) throws IOException {
    if (!Files.isRegularFile(file)) {
      return OptionalInt.empty();
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        LOG.warn("{} is not a checkpoint of this version; starting afresh", file);
        return OptionalInt.empty();
      }
      String id = in.readUTF();
      if (!id.equals(identity)) {
        LOG.warn("{} belongs to another run; starting afresh", file);
        return OptionalInt.empty();
      }
      int next = in.readInt();
      task.loadWeights(manager, in);
      optimizer.load(in);
      LOG.info("resuming from checkpoint {} at iteration {}", file, next);
      return OptionalInt.of(next);
    }
  }

  /** Removes the checkpoint (after a run finished and its result is stored). */
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
