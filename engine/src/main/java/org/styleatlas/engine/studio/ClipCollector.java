package org.styleatlas.engine.studio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.DecomposeSettings;

/**
 * Recognises clips from the frames the plugin contributes (docs/PROTOCOL.md, "How the engine
 * recognises a clip"). Frames are grouped per collection key (image size, matte source, box); times
 * 0, 1, 2, … build a run. A run completes when {@code clipLength} contiguous frames are in, or when
 * time 0 arrives again after a contiguous run of at least two frames. Completed clips index their
 * frames, so any later frame with a known hash maps to its clip and position. Thread-safe; memory
 * only (the caller persists completed clips and restores them with {@link #index}).
 */
public final class ClipCollector {

  /** What a contribution led to. */
  public sealed interface Outcome {}

  /** The frame belongs to a complete clip. */
  public record Known(String clipId, int frameIndex) implements Outcome {}

  /**
   * This contribution completed a clip (the frame's clip may be this one or, on a restart, the
   * next).
   */
  public record Completed(ClipRecord clip, Outcome frame) implements Outcome {}

  /** The frame's run is not complete yet. */
  public record Collecting(int collected, int clipLength) implements Outcome {
    public double progress() {
      return clipLength > 0 ? Math.min(1.0, (double) collected / clipLength) : 0.0;
    }
  }

  private record Position(String clipId, int frameIndex) {}

  private static final class Run {
    final TreeMap<Integer, String> frames = new TreeMap<>();
    int clipLength;

    int contiguous() {
      int n = 0;
      while (frames.containsKey(n)) {
        n++;
      }
      return n;
    }
  }

  private final Map<String, Position> known = new HashMap<>();
  private final Map<String, Run> runs = new HashMap<>();

  /** The collection key: what must be equal for frames to belong to one clip. */
  public static String collectionKey(int width, int height, DecomposeSettings d) {
    return width + "x" + height + "|" + d.matteSource() + "|" + d.box() + "@" + d.boxFrame();
  }

  /** Makes a complete clip known (after a restart, from the cache). */
  public synchronized void index(ClipRecord clip) {
    String key = collectionKey(clip.width(), clip.height(), clip.decompose());
    for (int i = 0; i < clip.frames().size(); i++) {
      known.putIfAbsent(key + "#" + clip.frames().get(i), new Position(clip.id(), i));
    }
  }

  /**
   * Adds one frame.
   *
   * @param time the frame's position in the filtered range (rounded to a frame number)
   * @param clipLength the clip's length when the host tells it, else 0
   */
  public synchronized Outcome contribute(
      int width, int height, DecomposeSettings d, int time, String frameHash, int clipLength) {
    return contribute(width, height, d, time, frameHash, clipLength, false);
  }

  /**
   * Adds one frame; in a batch render ({@code batch}), frame 0 rendered again with the same content
   * while the run holds nothing else completes a one-frame clip (batch hosts render the last frame
   * several extra times, and a one-frame clip has no other sign of its end). Interactive hosts
   * re-render the current frame at will, so there a one-frame clip needs {@code clipLength}.
   */
  public synchronized Outcome contribute(
      int width,
      int height,
      DecomposeSettings d,
      int time,
      String frameHash,
      int clipLength,
      boolean batch) {
    String key = collectionKey(width, height, d);
    Outcome hit = known(key, frameHash);
    if (hit != null) {
      return hit;
    }
    Run run = runs.computeIfAbsent(key, k -> new Run());
    if (batch && time == 0 && run.frames.size() == 1 && frameHash.equals(run.frames.get(0))) {
      ClipRecord single = complete(key, run, width, height, d, 1);
      return new Completed(single, known(key, frameHash));
    }
    if (time == 0 && run.contiguous() >= 2) {
      ClipRecord restarted = complete(key, run, width, height, d, run.contiguous());
      Outcome frame = known(key, frameHash);
      if (frame != null) {
        return new Completed(restarted, frame);
      }
      run = runs.computeIfAbsent(key, k -> new Run());
      run.frames.put(time, frameHash);
      run.clipLength = clipLength;
      return new Completed(restarted, new Collecting(run.frames.size(), run.clipLength));
    }
    run.frames.put(time, frameHash);
    run.clipLength = Math.max(run.clipLength, clipLength);
    if (run.clipLength > 0 && run.contiguous() >= run.clipLength) {
      ClipRecord clip = complete(key, run, width, height, d, run.clipLength);
      Outcome frame = known(key, frameHash);
      return new Completed(clip, frame != null ? frame : new Collecting(0, 0));
    }
    return new Collecting(run.frames.size(), run.clipLength);
  }

  private Outcome known(String key, String frameHash) {
    Position p = known.get(key + "#" + frameHash);
    return p == null ? null : new Known(p.clipId(), p.frameIndex());
  }

  private ClipRecord complete(
      String key, Run run, int width, int height, DecomposeSettings d, int length) {
    List<String> hashes = new ArrayList<>(run.frames.subMap(0, length).values());
    ClipRecord clip = new ClipRecord(ClipStore.clipId(hashes), width, height, d, hashes);
    runs.remove(key);
    index(clip);
    return clip;
  }
}
