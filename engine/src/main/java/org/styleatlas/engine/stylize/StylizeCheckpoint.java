package org.styleatlas.engine.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.AtomicFiles;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.clipmodel.ImageTextEncoder;
import org.styleatlas.engine.optim.AdamOptimizer;
import org.styleatlas.engine.stylize.atlas.EditingAtlas;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.EditableScene;

/**
 * A resumable stylization: the editing atlases' trainable arrays, the Adam state, the next iteration, the
 * loss history so far and the seconds spent, in one file replaced atomically ({@link AtomicFiles}).
 *
 * <p>Layout: magic, version, key (UTF), payload length, payload, CRC-32 of the payload. The key is a hash
 * of the scene, the encoder, the configuration and the target ({@link #key}), so the checkpoint of another
 * run is never resumed. A file that is not a checkpoint, belongs to another run, is truncated, fails its CRC
 * or does not fit the atlases is refused with a WARN naming it and the reason, and training starts at 0.
 */
public final class StylizeCheckpoint {
  /** Iterations between two checkpoints. */
  public static final int EVERY = 25;

  private static final Logger LOG = LoggerFactory.getLogger(StylizeCheckpoint.class);
  private static final int MAGIC = 0x53415354; // "SAST"
  private static final int VERSION = 1;

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
  private final String key;

  /**
   * @param file where the checkpoint lives
   * @param key what it belongs to, usually {@link #key}
   */
  public StylizeCheckpoint(Path file, String key) {
    this.file = file;
    this.key = key;
  }

  /**
   * The identity of a stylization run: a hash of the scene, the encoder (a CLIP model's file name and size,
   * else its class), the configuration and the target.
   */
  public static String key(EditableScene scene, ImageTextEncoder encoder, StylizeConfig config, StyleTarget target) {
    String encoderIdentity = encoder instanceof ClipModel clip
        ? clip.file().getFileName() + ":" + clip.file().toFile().length() : encoder.getClass().getName();
    return StylizedAtlasCache.key(scene.identity(), "stylize-checkpoint " + encoderIdentity, target, config).hash();
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream payload = new DataOutputStream(bytes);
    payload.writeInt(state.nextIteration());
    payload.writeDouble(state.seconds());
    payload.writeInt(state.history().size());
    for (LossValues v : state.history()) {
      payload.writeInt(v.iteration());
      for (double d : new double[] {v.global(), v.local(), v.temporal(), v.sparsity(), v.structure(), v.total(),
          v.learningRate()}) {
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
    payload.flush();
    byte[] body = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    AtomicFiles.write(file, stream -> {
      DataOutputStream out = new DataOutputStream(stream);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(key);
      out.writeInt(body.length);
      out.write(body);
      out.writeLong(crc.getValue());
      out.flush();
    });
    LOG.debug("stylize checkpoint at iteration {} written to {}", state.nextIteration(), file);
  }

  /**
   * Restores the atlases and the optimiser from the checkpoint, when there is one of this run.
   *
   * @return the state to continue from; empty (after a WARN when a file was refused) to start at 0
   * @throws IOException when the file cannot be read at all
   */
  public Optional<State> restore(List<EditingAtlas> atlases, AdamOptimizer adam) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] body;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        return refuse("it is not a stylize checkpoint of this version");
      }
      if (!in.readUTF().equals(key)) {
        return refuse("wrong key: it belongs to another scene, configuration or target");
      }
      int length = in.readInt();
      if (length < 0 || length > in.available()) {
        return refuse("truncated");
      }
      body = new byte[length];
      in.readFully(body);
      long expected = in.readLong();
      CRC32 crc = new CRC32();
      crc.update(body);
      if (crc.getValue() != expected) {
        return refuse("bad CRC-32: the file is corrupt");
      }
    } catch (EOFException e) {
      return refuse("truncated");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    int next = in.readInt();
    double seconds = in.readDouble();
    List<LossValues> history = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      history.add(new LossValues(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
          in.readDouble(), in.readDouble(), in.readDouble()));
    }
    List<float[]> arrays = new ArrayList<>();
    if (in.readInt() != atlases.size()) {
      return refuse("it holds another number of atlases");
    }
    for (EditingAtlas atlas : atlases) {
      if (in.readInt() != atlas.trainable().size()) {
        return refuse("it holds other atlas parameters");
      }
      for (Pair<String, NDArray> p : atlas.trainable()) {
        String name = in.readUTF();
        float[] values = new float[in.readInt()];
        if (!name.equals(p.getKey()) || values.length != p.getValue().size()) {
          return refuse("parameter " + name + " does not fit the atlas's " + p.getKey());
        }
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
    Files.deleteIfExists(file);
  }

  private Optional<State> refuse(String reason) {
    LOG.warn("ignoring stylize checkpoint {}: {}; training starts at iteration 0", file, reason);
    return Optional.empty();
  }
}
