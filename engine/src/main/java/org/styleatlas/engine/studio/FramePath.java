package org.styleatlas.engine.studio;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ArtifactFrameRenderer;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobState;

/**
 * The plug-in's render path (blocking; runs on worker threads): hash the frame, store it, contribute it to
 * its clip ({@link ClipCollector}), then answer from the caches: clip → decomposition → stylized atlas →
 * frame. Whatever is missing is queued as a job at the request's priority and the answer is pending with the
 * source frame in the output.
 */
final class FramePath {
  private static final Logger LOG = LoggerFactory.getLogger(FramePath.class);

  private final ContentCache cache;
  private final ClipStore clips;
  private final ClipCollector collector = new ClipCollector();
  private final JobExecutor jobs;
  private final ArtifactKeys keys;
  private final Optional<ArtifactFrameRenderer> renderer;
  private volatile long clipsSeen = Long.MIN_VALUE;

  FramePath(ContentCache cache, ClipStore clips, JobExecutor jobs, ArtifactKeys keys,
      Optional<ArtifactFrameRenderer> renderer) {
    this.cache = cache;
    this.clips = clips;
    this.jobs = jobs;
    this.keys = keys;
    this.renderer = renderer;
  }

  /** Makes the clips already in the cache known again (after a restart, or after the CLI prepared one). */
  void restoreClips() {
    clipsSeen = clips.lastChange();
    clips.all().forEach(collector::index);
  }

  /** Indexes the clips recorded since the last look (by the CLI, or by this host). */
  private void refreshClips() {
    if (clips.lastChange() != clipsSeen) {
      restoreClips();
    }
  }

  /** Makes one complete clip known. */
  void index(ClipRecord clip) {
    collector.index(clip);
  }

  FrameAnswer handle(FrameRequest req) throws IOException {
    FramePixels px = req.pixels();
    String hash = FrameHashes.of(px, req.decompose().matteSource());
    clips.putFrame(hash, px.width(), px.height(), px.image(), px.matte());
    if (!clips.sameFrame(hash, px.image(), px.matte())) {
      LOG.warn("frame {} at time {}: its fingerprint matches a stored frame with other pixels; not recognised",
          hash.substring(0, 12), req.time());
      px.copySourceToOutput();
      return new FrameAnswer(false, "", "collecting", 0, "frame not recognised (fingerprint collision)", 0);
    }
    refreshClips();
    ClipCollector.Outcome outcome = collector.contribute(px.width(), px.height(), req.decompose(), req.time(), hash,
        req.clipLength(), req.batch());
    if (outcome instanceof ClipCollector.Completed c) {
      clips.putClip(c.clip());
      LOG.info("clip {} complete: {} frames of {}x{}", c.clip().id().substring(0, 12), c.clip().frames().size(),
          c.clip().width(), c.clip().height());
      jobs.submit(spec(JobKind.DECOMPOSE, c.clip().id(), req));
      outcome = c.frame();
    }
    FrameAnswer answer = outcome instanceof ClipCollector.Known k
        ? fromCaches(k, req)
        : collecting((ClipCollector.Collecting) outcome);
    if (!answer.stylized()) {
      px.copySourceToOutput();
    }
    return answer;
  }

  private static FrameAnswer collecting(ClipCollector.Collecting c) {
    String msg = c.clipLength() > 0
        ? String.format("collecting frames: %d of %d", c.collected(), c.clipLength())
        : String.format("collecting frames: %d so far; the clip completes when rendering restarts at frame 0",
            c.collected());
    return new FrameAnswer(false, "", "collecting", c.progress(), msg, c.collected());
  }

  private FrameAnswer fromCaches(ClipCollector.Known k, FrameRequest req) throws IOException {
    int frames = clips.clip(k.clipId()).map(ClipRecord::frames).map(List::size).orElse(0);
    JobSpec decompose = spec(JobKind.DECOMPOSE, k.clipId(), req);
    Optional<CacheEntry> decomposition = cache.find(keys.decomposition(decompose));
    Job decomposing = decomposition.isEmpty() ? running(decompose) : null;
    if (!req.style().hasPrompt()) {
      String state = decomposing == null ? "decomposed" : pending(k, "decomposing", decomposing, frames).message();
      return new FrameAnswer(false, k.clipId(), "no-prompt", 0,
          "no prompt: type a Global prompt (globalPrompt) to stylize; the clip is " + state, frames, true);
    }
    if (decomposing != null) {
      return pending(k, "decomposing", decomposing, frames);
    }
    JobSpec stylize = spec(JobKind.STYLIZE, k.clipId(), req);
    Optional<CacheEntry> atlas = cache.find(keys.stylized(stylize));
    if (atlas.isEmpty()) {
      return pending(k, "stylizing", running(stylize), frames);
    }
    if (renderer.isEmpty()) {
      return new FrameAnswer(false, k.clipId(), "stylizing", 1,
          "the stylized atlas is ready, but this build has no frame renderer", frames, true);
    }
    FramePixels px = req.pixels();
    try {
      renderer.get().render(decomposition.get(), atlas.get(), k.frameIndex(), req.render(), px.width(), px.height(),
          px.imageFloats(), px.outputFloats());
    } catch (Exception e) {
      throw new IOException("rendering frame " + k.frameIndex() + " of clip " + k.clipId() + " failed: "
          + e.getMessage(), e);
    }
    return new FrameAnswer(true, k.clipId(), "done", 1, "stylized", frames);
  }

  /**
   * Submits the job that computes a missing result (one job per input and settings).
   *
   * @throws JobFailedException when that job failed: it stays failed until the input or settings change
   */
  private Job running(JobSpec spec) {
    Job job = jobs.submit(spec);
    if (job.state() == JobState.FAILED) {
      throw new JobFailedException(job);
    }
    return job;
  }

  private static FrameAnswer pending(ClipCollector.Known k, String stage, Job job, int frames) {
    String msg = job.stage().equals("waiting") || job.progress() == 0
        ? stage + ": " + job.message()
        : String.format("%s %d%%%s", stage, Math.round(job.progress() * 100),
            job.message().isEmpty() ? "" : " (" + job.message() + ")");
    return new FrameAnswer(false, k.clipId(), stage, job.progress(), msg, frames);
  }

  private static JobSpec spec(JobKind kind, String clipId, FrameRequest r) {
    return new JobSpec(kind, r.priority(), clipId, null, null, r.decompose(), kind == JobKind.STYLIZE ? r.style() : null);
  }
}
