package org.styleatlas.engine.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CheckpointFile;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.clipmodel.ImageTextEncoder;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.EditableScene;

/**
 * A resumable stylization: the editing atlases' trainable arrays, the Adam state, the next
 * iteration, the loss history so far and the seconds spent, in the one checkpoint format ({@link
 * CheckpointFile}: replaced atomically, checksummed, tagged with the run key).
 *
 * <p>The run key is a hash of the scene, the encoder, the configuration and the target ({@link
 * #key}), so the checkpoint of another run is never resumed. A file that is not a checkpoint, is
 * truncated, fails its checksum or does not fit the atlases is reported with a WARN naming it and
 * the reason, moved aside, and training starts at 0.
 */
public final class StylizeCheckpoint {
  /** Iterations between two checkpoints. */
  public static final int EVERY = 25;

  private static final Logger LOG = LoggerFactory.getLogger(StylizeCheckpoint.class);

  /**
   * What a checkpoint restores besides the arrays.
   *
   * @param nextIteration the 0-based iteration to run next
   * @param history the loss of every iteration before it
   * @param seconds optimisation seconds spent on those iterations
   */
  public record State(int nextIteration, List<LossValues> history, double seconds) {
    public State {
      history = List.copyOf(history);
    }
  }

  private final Path file;
  private final CheckpointFile checkpoint;

  /**
   * @param file where the checkpoint lives
   * @param key what it belongs to, usually {@link #key}
   */
  public StylizeCheckpoint(Path file, String key) {
    this.file = file;
    this.checkpoint = new CheckpointFile(file, CheckpointFile.Kind.STYLIZATION, key);
  }

  /**
   * The identity of a stylization run: a hash of the scene, the encoder (a CLIP model's file name
   * and size, else its class), the configuration and the target.
   */
  public static String key(
      EditableScene scene, ImageTextEncoder encoder, StylizeConfig config, StyleTarget target) {
    String encoderIdentity =
        encoder instanceof ClipModel clip
            ? clip.file().getFileName() + ":" + clip.file().toFile().length()
            : encoder.getClass().getName();
    return StylizedAtlasCache.key(
            scene.identity(), "stylize-checkpoint " + encoderIdentity, target, config)
        .hash();
  }

  public Path file() {
    return file;
  }

  /**
   * Writes the state atomically, replacing any earlier checkpoint.
   *
   * @param atlases the editing atlases in a fixed order (foreground, then background if any)
   */
  public void save(State state, List<EditingAtlas> atlases, AdamOptimizer adam) throws IOException {
    checkpoint.save(
        payload -> {
          payload.writeInt(state.nextIteration());
          payload.writeDouble(state.seconds());
          payload.writeInt(state.history().size());
          for (LossValues v : state.history()) {
            payload.writeInt(v.iteration());
            for (double d :
                new double[] {
                  v.global(),
                  v.local(),
                  v.temporal(),
                  v.sparsity(),
                  v.structure(),
                  v.total(),
                  v.learningRate()
                }) {
              payload.writeDouble(d);
            }
          }
          payload.writeInt(atlases.size());
          for (EditingAtlas atlas : atlases) {
            payload.writeInt(atlas.trainable().size());
            for (Pair<String, NDArray> p : atlas.trainable()) {
              payload.writeUTF(p.getKey());
              float[] values = p.getValue().toFloatArray();
              payload.writeInt(values.length);
              for (float f : values) {
                payload.writeFloat(f);
              }
            }
          }
          adam.save(payload);
        });
    LOG.debug("stylize checkpoint at iteration {} written to {}", state.nextIteration(), file);
  }

  /**
   * Restores the atlases and the optimiser from the checkpoint, when there is a sound one of this
   * run.
   *
   * @return the state to continue from; empty (after a WARN naming the file when one was refused)
   *     to start at 0
   * @throws IOException when the file cannot be read at all
   */
  public Optional<State> restore(List<EditingAtlas> atlases, AdamOptimizer adam)
      throws IOException {
    Optional<DataInputStream> payload = checkpoint.open();
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    DataInputStream in = payload.get();
    try {
      return restore(in, atlases, adam);
    } catch (IOException | RuntimeException e) {
      return checkpoint.setAside("its content does not fit this run (" + e.getMessage() + ")");
    }
  }

  private Optional<State> restore(
      DataInputStream in, List<EditingAtlas> atlases, AdamOptimizer adam) throws IOException {
    int next = in.readInt();
    double seconds = in.readDouble();
    List<LossValues> history = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      history.add(
          new LossValues(
              in.readInt(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble()));
    }
    List<float[]> arrays = new ArrayList<>();
    if (in.readInt() != atlases.size()) {
      return checkpoint.setAside("it holds another number of atlases");
    }
    for (EditingAtlas atlas : atlases) {
      if (in.readInt() != atlas.trainable().size()) {
        return checkpoint.setAside("it holds other atlas parameters");
      }
      for (Pair<String, NDArray> p : atlas.trainable()) {
        String name = in.readUTF();
        int length = in.readInt();
        if (!name.equals(p.getKey()) || length != p.getValue().size()) {
          return checkpoint.setAside(
              "parameter " + name + " does not fit the atlas's " + p.getKey());
        }
        float[] values = new float[length];
        for (int i = 0; i < values.length; i++) {
          values[i] = in.readFloat();
        }
        arrays.add(values);
      }
    }
    adam.load(in);
    int k = 0;
    for (EditingAtlas atlas : atlases) {
      for (Pair<String, NDArray> p : atlas.trainable()) {
        p.getValue().set(arrays.get(k++));
      }
    }
    LOG.info("resuming stylization from checkpoint {} at iteration {}", file, next);
    return Optional.of(new State(next, history, seconds));
  }

  /** Removes the checkpoint (the run completed). */
  public void delete() throws IOException {
    checkpoint.delete();
  }
}
