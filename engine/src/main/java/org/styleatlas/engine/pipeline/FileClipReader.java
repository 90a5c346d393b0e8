package org.styleatlas.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.FullSizeSink;
import org.styleatlas.engine.video.Matte;

/**
 * Reads a clip on disk and recognises it as the plug-in's frames of the same pixels would be: each
 * frame (and matte) hashed at its source size as the reader passes it ({@link FileFrameHash}) and
 * then shrunk to the working resolution, so the clip never sits in memory at full size. The clip id
 * ({@link ClipStore#clipId} of those hashes) is the one identity of the files, for the CLI's
 * preparation and the host's jobs on files alike ({@link FileClipIdentity}).
 */
public final class FileClipReader {
  private FileClipReader() {}

  /**
   * A clip read from files.
   *
   * @param clip the clip at the working resolution
   * @param frameHashes each frame's hash at its source size, frame 0 first
   * @param width the source's width in pixels
   * @param height the source's height in pixels
   */
  public record Recognised(Clip clip, List<String> frameHashes, int width, int height) {
    public Recognised {
      frameHashes = List.copyOf(frameHashes);
    }

    /** The clip id of these frames. */
    public String clipId() {
      return ClipStore.clipId(frameHashes);
    }
  }

  /**
   * Reads and hashes the clip.
   *
   * @param request the files and the working resolution
   * @param matteSource how the plug-in's frames would carry the matte ({@code clip} with matte
   *     files, {@code alpha}, {@code box})
   */
  public static Recognised read(ClipRequest request, String matteSource) {
    Recorder recorder = new Recorder();
    Clip clip = ClipReader.read(request, recorder);
    List<String> hashes = recorder.frames.stream().map(p -> p.finish(matteSource)).toList();
    return new Recognised(clip, hashes, recorder.width, recorder.height);
  }

  /** Hashes each frame and matte at its source size as the reader passes them, then lets go. */
  private static final class Recorder implements FullSizeSink {
    final List<FileFrameHash> frames = new ArrayList<>();
    int width;
    int height;
    private int mattes;

    @Override
    public void frame(Frame frame) {
      if (frames.isEmpty()) {
        width = frame.width();
        height = frame.height();
      }
      frames.add(new FileFrameHash(frame));
    }

    @Override
    public void matte(Matte matte) {
      if (mattes < frames.size()) {
        frames.get(mattes++).matte(matte);
      }
    }
  }
}
