package org.styleatlas.engine.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * Frames and clips collected from the plugin, kept in the content cache.
 *
 * <p>A frame entry ({@value ArtifactKeys#FRAME}/hash) holds {@code rgba.f32}: one {@link
 * Float32Files} array, float32 RGBA {@code [H, W, 4]}, top row first, as the wire sends it; {@code
 * matte.f32} ({@code [H, W]}) when a matte plane came with it; and {@code frame.json} with its
 * size. A clip entry ({@value ArtifactKeys#CLIP}/id) holds {@code clip.json}, a {@link ClipRecord}.
 */
public final class ClipStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RGBA = "rgba.f32";
  private static final String MATTE = "matte.f32";
  private static final String FRAME_JSON = "frame.json";
  private static final String CLIP_JSON = "clip.json";

  private record FrameInfo(int width, int height, boolean matte) {}

  private final ContentCache cache;

  public ClipStore(ContentCache cache) {
    this.cache = cache;
  }

  /** The clip id of frames in this order: SHA-256 of the ordered frame hashes. */
  public static String clipId(List<String> frameHashes) {
    ContentHasher h = new ContentHasher();
    frameHashes.forEach(h::putString);
    return h.hex();
  }

  /** Stores one frame under its hash unless already present. The buffers are read, not consumed. */
  public void putFrame(String hash, int width, int height, ByteBuffer rgba, ByteBuffer matte)
      throws IOException {
    cache.getOrCreate(
        new CacheKey(ArtifactKeys.FRAME, hash),
        dir -> {
          write(dir.resolve(RGBA), rgba);
          if (matte != null) {
            write(dir.resolve(MATTE), matte);
          }
          JSON.writeValue(
              dir.resolve(FRAME_JSON).toFile(), new FrameInfo(width, height, matte != null));
        });
  }

  /**
   * Whether the frame cached under {@code hash} holds exactly these planes (the content check
   * behind a fast frame fingerprint, {@link org.styleatlas.engine.cache.FrameFingerprint}):
   * compared byte for byte with the stored arrays.
   *
   * @param rgba float32 RGBA in native byte order, as the wire sends it
   * @param matte the matte plane, or null when none came with the frame
   */
  public boolean sameFrame(String hash, ByteBuffer rgba, ByteBuffer matte) throws IOException {
    Optional<CacheEntry> e = cache.find(new CacheKey(ArtifactKeys.FRAME, hash));
    if (e.isEmpty()) {
      return false;
    }
    Path m = e.get().file(MATTE);
    return same(e.get().file(RGBA), rgba)
        && (matte == null ? !Files.exists(m) : Files.exists(m) && same(m, matte));
  }

  private static boolean same(Path file, ByteBuffer nativeFloats) throws IOException {
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      return Float32Files.matches(file, 0, nativeFloats);
    }
    float[] stored = Float32Files.read(file).get(0);
    FloatBuffer given = nativeFloats.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
    return FloatBuffer.wrap(stored).equals(given);
  }

  /** Whether the frame with this hash is cached. */
  public boolean hasFrame(String hash) {
    return cache.find(new CacheKey(ArtifactKeys.FRAME, hash)).isPresent();
  }

  /** Stores a complete clip. */
  public void putClip(ClipRecord clip) throws IOException {
    cache.getOrCreate(
        new CacheKey(ArtifactKeys.CLIP, clip.id()),
        dir -> JSON.writeValue(dir.resolve(CLIP_JSON).toFile(), clip));
  }

  public Optional<ClipRecord> clip(String id) {
    Optional<CacheEntry> e = cache.find(new CacheKey(ArtifactKeys.CLIP, id));
    if (e.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(e.get().file(CLIP_JSON).toFile(), ClipRecord.class));
    } catch (IOException ex) {
      throw new InputException("clip " + id + ": unreadable record: " + ex.getMessage(), ex);
    }
  }

  /** Every complete clip in the cache (for rebuilding the frame index after a restart). */
  public List<ClipRecord> all() {
    List<ClipRecord> out = new ArrayList<>();
    Path dir = cache.root().resolve(ArtifactKeys.CLIP);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("[0-9a-f]{64}"))
          .forEach(id -> clip(id).ifPresent(out::add));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * When a clip was last added (the clip folder's modification time, in nanoseconds; -1 without
   * clips), so a running host notices clips another process (the CLI) recorded.
   */
  public long lastChange() {
    try {
      return Files.getLastModifiedTime(cache.root().resolve(ArtifactKeys.CLIP))
          .to(java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Frame {@code t} of a clip as RGBA float32. */
  public Frame frame(ClipRecord clip, int t) {
    if (t < 0 || t >= clip.frames().size()) {
      throw new InputException(
          "frame " + t + ": clip " + clip.id() + " has frames 0 … " + (clip.frames().size() - 1));
    }
    CacheEntry e = frameEntry(clip, t);
    float[] px = readFloats(e.file(RGBA), clip.width() * clip.height() * 4);
    return new Frame(clip.width(), clip.height(), 4, px);
  }

  /** A whole clip with its mattes when every frame came with one. */
  public Clip load(String id) {
    ClipRecord rec =
        clip(id).orElseThrow(() -> new InputException("clip " + id + ": not in the cache"));
    List<Frame> frames = new ArrayList<>();
    List<Matte> mattes = new ArrayList<>();
    for (int t = 0; t < rec.frames().size(); t++) {
      frames.add(frame(rec, t));
      Path m = frameEntry(rec, t).file(MATTE);
      if (Files.isRegularFile(m)) {
        mattes.add(new Matte(rec.width(), rec.height(), readFloats(m, rec.width() * rec.height())));
      }
    }
    Clip clip = Clip.of("clip " + id.substring(0, 12), Clip.DEFAULT_FPS, frames);
    return mattes.size() == frames.size() ? clip.withMattes(mattes) : clip;
  }

  private CacheEntry frameEntry(ClipRecord clip, int t) {
    return cache
        .find(new CacheKey(ArtifactKeys.FRAME, clip.frames().get(t)))
        .orElseThrow(
            () ->
                new InputException(
                    "clip "
                        + clip.id()
                        + ": frame "
                        + t
                        + " was evicted from the cache; render the clip again"));
  }

  private static void write(Path file, ByteBuffer data) throws IOException {
    try (Float32Files.Appender out = Float32Files.append(file, 1)) {
      out.add(data.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer());
      out.commit();
    }
  }

  /**
   * Reads one stored plane: a {@link Float32Files} array, or the earlier headerless native-order
   * floats.
   */
  private static float[] readFloats(Path file, int count) {
    try {
      float[] out;
      if (Files.size(file) == (long) count * 4) {
        out = new float[count];
        ByteBuffer.wrap(Files.readAllBytes(file))
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer()
            .get(out);
      } else {
        List<float[]> arrays = Float32Files.read(file);
        out = arrays.size() == 1 ? arrays.get(0) : new float[0];
      }
      if (out.length != count) {
        throw new InputException(file + ": holds " + out.length + " floats, expected " + count);
      }
      return out;
    } catch (IOException e) {
      throw InputException.of(file, "unreadable: " + e.getMessage(), e);
    }
  }
}
