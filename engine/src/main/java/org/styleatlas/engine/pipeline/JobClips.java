package org.styleatlas.engine.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.jobs.JobContext;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipReader;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.FrameResizer;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.MediaInfo;

/**
 * The clip a job decomposes, at the working resolution, with its matte resolved ({@link
 * MatteResolver}): a clip collected from the plug-in (from {@link JobContext#clips()}, shrunk so
 * its longer side is at most the working long edge, never enlarged), or files on the engine's disk
 * (read by {@link ClipReader} at the working long edge).
 */
public final class JobClips {
  private JobClips() {}

  /**
   * @param longEdge the working resolution's longer side in pixels; 0 keeps the clip's size
   * @return RGB frames with one matte per frame
   */
  static Clip load(JobContext ctx, int longEdge) {
    JobSpec spec = ctx.spec();
    if (spec.clip() != null) {
      return working(ctx.clips().load(spec.clip()), spec.decompose(), longEdge);
    }
    Clip clip =
        ClipReader.read(
            new ClipRequest(spec.sourcePath(), Optional.ofNullable(spec.mattePath()), longEdge));
    return MatteResolver.resolve(clip, spec.decompose());
  }

  /**
   * Refuses, before any frame is read, a job whose decomposition would not fit this process's
   * memory (#19.6): frames and size come from the collected clip's record, or from the listing and
   * size of the job's source file.
   *
   * @param longEdge the working resolution's longer side in pixels; 0 keeps the clip's size
   * @param batchPixels pixels sampled per training step
   * @throws org.styleatlas.engine.InputException naming the clip or file when it cannot fit
   */
  static void requireMemory(
      JobContext ctx, int longEdge, int batchPixels, DecompositionBudget budget) {
    JobSpec spec = ctx.spec();
    if (spec.clip() != null) {
      Optional<ClipRecord> record = ctx.clips().clip(spec.clip());
      if (record.isPresent()) {
        ClipRecord r = record.get();
        budget.require(
            Path.of("clip " + spec.clip().substring(0, Math.min(12, spec.clip().length()))),
            r.frames().size(),
            shrunk(new FrameSize(r.width(), r.height()), longEdge),
            batchPixels);
      }
      return;
    }
    Path source = spec.sourcePath();
    budget.require(
        source,
        MediaInfo.listedFrames(source),
        shrunk(MediaInfo.sourceSize(source), longEdge),
        batchPixels);
  }

  /**
   * {@code size} shrunk so its longer side is at most {@code longEdge} (0: kept); never enlarged.
   */
  private static FrameSize shrunk(FrameSize size, int longEdge) {
    return longEdge == 0 || Math.max(size.width(), size.height()) <= longEdge
        ? size
        : size.fitLongEdge(longEdge);
  }

  /**
   * A recognised clip at the working resolution with its matte resolved: what the host's decompose
   * job trains on, so the CLI's preparation of the same frames gives the same decomposition.
   *
   * @param clip the clip at its full size
   * @param longEdge the working resolution's longer side in pixels; 0 keeps the clip's size
   */
  public static Clip working(Clip clip, DecomposeSettings decompose, int longEdge) {
    return MatteResolver.resolve(shrink(clip, longEdge), decompose);
  }

  /**
   * {@code clip} at the working resolution with RGB frames and no matte: for a clip whose
   * decomposition is already done, where the matte (a box's segmentation costs seconds) would feed
   * nothing.
   *
   * @param longEdge the working resolution's longer side in pixels; 0 keeps the clip's size
   */
  public static Clip unmatted(Clip clip, int longEdge) {
    Clip small = shrink(clip, longEdge);
    return Clip.of(small.name(), small.fps(), small.frames().stream().map(Frame::rgb).toList());
  }

  private static Clip shrink(Clip clip, int longEdge) {
    FrameSize own = new FrameSize(clip.width(), clip.height());
    FrameSize size = shrunk(own, longEdge);
    if (size.equals(own)) {
      return clip;
    }
    Clip frames =
        Clip.of(
            clip.name(),
            clip.fps(),
            clip.frames().stream().map(f -> FrameResizer.resize(f, size)).toList());
    return clip.mattes()
        .map(m -> frames.withMattes(m.stream().map(x -> FrameResizer.resize(x, size)).toList()))
        .orElse(frames);
  }
}
