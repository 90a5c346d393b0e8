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
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobState;

/**
 * The plug-in's render path (blocking; runs on worker threads): hash the frame, store it,
 * contribute it to its clip ({@link ClipCollector}), then answer from the caches: clip →
 * decomposition → stylized atlas → frame. Whatever is missing is queued as a job at the request's
 * priority and the answer is pending with the source frame in the output.
 */
final class FramePath {
  private static final Logger LOG = LoggerFactory.getLogger(FramePath.class);

  private final ContentCache cache;
  private final ClipStore clips;
  private final ClipRecords records;
  private final ClipCollector collector = new ClipCollector();
  private final JobExecutor jobs;
  private final ArtifactKeys keys;
  private final Optional<ArtifactFrameRenderer> renderer;
  private final boolean previews;
  private volatile long clipsSeen = Long.MIN_VALUE;

  /** The stage of a render answered with the quick preview while the full stylization trains. */
  static final String PREVIEW_STAGE = "preview";

  /**
   * @param previews whether the build runs preview jobs (a registered {@link JobKind#PREVIEW}
   *     runner)
   */
  FramePath(
      ContentCache cache,
      ClipStore clips,
      JobExecutor jobs,
      ArtifactKeys keys,
      Optional<ArtifactFrameRenderer> renderer,
      boolean previews) {
    this.cache = cache;
    this.clips = clips;
    this.records = new ClipRecords(clips);
    this.jobs = jobs;
    this.keys = keys;
    this.renderer = renderer;
    this.previews = previews;
  }

  /**
   * Makes the clips already in the cache known again (after a restart, or after the CLI prepared
   * one).
   */
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

  /** How many times this path read a clip record from the store (once per clip, then kept). */
  int clipRecordReads() {
    return records.reads();
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
      LOG.warn(
          "frame {} at time {}: its fingerprint matches a stored frame with other pixels; not recognised",
          hash.substring(0, 12),
          req.time());
      px.copySourceToOutput();
      return new FrameAnswer(
          false, "", "collecting", 0, "frame not recognised (fingerprint collision)", 0);
    }
    refreshClips();
    ClipCollector.Outcome outcome =
        collector.contribute(
            px.width(),
            px.height(),
            req.decompose(),
            req.time(),
            hash,
            req.clipLength(),
            req.batch());
    if (outcome instanceof ClipCollector.Completed c) {
      clips.putClip(c.clip());
      LOG.info(
          "clip {} complete: {} frames of {}x{}",
          c.clip().id().substring(0, 12),
          c.clip().frames().size(),
          c.clip().width(),
          c.clip().height());
      jobs.submit(spec(JobKind.DECOMPOSE, c.clip().id(), req));
      outcome = c.frame();
    }
    FrameAnswer answer =
        outcome instanceof ClipCollector.Known k
            ? fromCaches(k, req)
            : collecting((ClipCollector.Collecting) outcome);
    if (!answer.outputWritten()) {
      px.copySourceToOutput();
    }
    return answer;
  }

  private static FrameAnswer collecting(ClipCollector.Collecting c) {
    String msg =
        c.clipLength() > 0
            ? String.format("collecting frames: %d of %d", c.collected(), c.clipLength())
            : String.format(
                "collecting frames: %d so far; the clip completes when rendering restarts at frame 0",
                c.collected());
    return new FrameAnswer(false, "", "collecting", c.progress(), msg, c.collected());
  }

  private FrameAnswer fromCaches(ClipCollector.Known k, FrameRequest req) throws IOException {
    int frames = records.get(k.clipId()).map(ClipRecord::frames).map(List::size).orElse(0);
    JobSpec decompose = spec(JobKind.DECOMPOSE, k.clipId(), req);
    Optional<CacheEntry> decomposition = cache.find(keys.decomposition(decompose));
    Job decomposing = decomposition.isEmpty() ? running(decompose) : null;
    if (!req.style().hasPrompt()) {
      String state =
          decomposing == null
              ? "decomposed"
              : pending(k, "decomposing", decomposing, frames).message();
      return new FrameAnswer(
          false,
          k.clipId(),
          "no-prompt",
          0,
          "no prompt: type a Global prompt (globalPrompt) to stylize; the clip is " + state,
          frames,
          true);
    }
    if (decomposing != null) {
      return pending(k, "decomposing", decomposing, frames);
    }
    Looks looks = looks(k.clipId(), req);
    boolean ready = looks.first() != null && (looks.missing().isEmpty() || looks.preview());
    if (!ready) {
      Job job = looks.missing().get();
      return pending(
          k, job.spec().kind() == JobKind.PREVIEW ? "previewing" : "stylizing", job, frames);
    }
    if (renderer.isEmpty()) {
      return new FrameAnswer(
          false,
          k.clipId(),
          "stylizing",
          1,
          "the stylized atlas is ready, but this build has no frame renderer",
          frames,
          true);
    }
    FramePixels px = req.pixels();
    try {
      renderer
          .get()
          .render(
              decomposition.get(),
              looks.first(),
              looks.morphTarget(),
              k.frameIndex(),
              req.render(),
              px.width(),
              px.height(),
              px.imageFloats(),
              px.outputFloats());
    } catch (Exception e) {
      throw new IOException(
          "rendering frame "
              + k.frameIndex()
              + " of clip "
              + k.clipId()
              + " failed: "
              + e.getMessage(),
          e);
    }
    if (looks.preview()) {
      Job full = looks.missing().get();
      return new FrameAnswer(
          false,
          k.clipId(),
          PREVIEW_STAGE,
          full.progress(),
          String.format(
              "preview; stylizing %d%%, the full result replaces it",
              Math.round(full.progress() * 100)),
          frames,
          false,
          true);
    }
    return new FrameAnswer(true, k.clipId(), "done", 1, "stylized", frames);
  }

  /**
   * The stylized atlases a frame needs: the prompt's, and the morph target's when there is one.
   *
   * @param first the prompt's entry (null while missing)
   * @param morphTarget the morph target's entry, or null (no target, or missing)
   * @param missing the job computing the atlas of a look this frame shows, when one is missing
   * @param preview whether an entry is a quick preview standing in for a full atlas still training
   */
  private record Looks(
      CacheEntry first, CacheEntry morphTarget, Optional<Job> missing, boolean preview) {}

  /**
   * One look: its entry (full or preview; null when neither exists), and the job of what it still
   * lacks.
   */
  private record Look(CacheEntry entry, boolean preview, Optional<Job> missing) {}

  /**
   * Finds the stylized atlases of the prompt and of the morph target, and queues those missing.
   * Every prompt seen is trained; the look this frame shows most ({@code morph} below or above one
   * half) is queued first. A look the frame does not show at all (morph exactly 0 or 1) is queued
   * at batch priority, behind what the viewer needs now, and does not hold the frame back.
   */
  private Looks looks(String clipId, FrameRequest req) {
    JobSpec first = spec(JobKind.STYLIZE, clipId, req);
    boolean wait = req.priority() == JobPriority.BATCH;
    if (req.morphStyle() == null) {
      Look a = look(first, true, wait);
      return new Looks(a.entry(), null, a.missing(), a.preview());
    }
    double morph = req.render().morph();
    JobSpec target =
        new JobSpec(
            JobKind.STYLIZE, req.priority(), clipId, null, null, req.decompose(), req.morphStyle());
    boolean targetFirst = morph > 0.5;
    Look a = targetFirst ? null : look(first, morph < 1, wait);
    Look b = look(target, morph > 0, wait);
    a = a != null ? a : look(first, morph < 1, wait);
    Optional<Job> missing = targetFirst ? b.missing().or(a::missing) : a.missing().or(b::missing);
    if (morph < 1 && a.entry() == null || morph > 0 && b.entry() == null) {
      return new Looks(null, null, missing, false); // a look the frame shows is not ready
    }
    if (a.entry() == null || b.entry() == null) {
      Look shown = a.entry() != null ? a : b; // the frame shows one look only: render it alone
      return new Looks(shown.entry(), null, shown.missing(), shown.preview());
    }
    boolean preview = morph < 1 && a.preview() || morph > 0 && b.preview();
    return new Looks(a.entry(), b.entry(), missing, preview);
  }

  /**
   * One look's atlas: the full one when it exists; else its job is queued (at batch priority when
   * the frame does not show the look) and, for the viewer (not the render queue, which waits for
   * the full result) and when the build has a preview runner, its quick preview is queued before it
   * and used when it exists.
   *
   * @param shown whether the frame shows this look (a morph weight above 0)
   * @param renderQueue batch priority: the shim waits for the full result, so no preview
   */
  private Look look(JobSpec full, boolean shown, boolean renderQueue) {
    Optional<CacheEntry> atlas = cache.find(keys.stylized(full));
    if (atlas.isPresent()) {
      return new Look(atlas.get(), false, Optional.empty());
    }
    JobSpec queued = shown ? full : withPriority(full, JobPriority.BATCH);
    if (renderQueue || !previews) {
      Job job = running(queued);
      return new Look(null, false, shown ? Optional.of(job) : Optional.empty());
    }
    JobSpec previewSpec = withKind(queued, JobKind.PREVIEW);
    Optional<CacheEntry> preview = cache.find(keys.preview(previewSpec));
    Job previewJob = preview.isPresent() ? null : running(previewSpec);
    Job job = running(queued);
    if (!shown) {
      return new Look(preview.orElse(null), preview.isPresent(), Optional.empty());
    }
    return new Look(
        preview.orElse(null),
        preview.isPresent(),
        Optional.of(preview.isPresent() ? job : previewJob));
  }

  private static JobSpec withKind(JobSpec s, JobKind kind) {
    return new JobSpec(
        kind, s.priority(), s.clip(), s.source(), s.matte(), s.decompose(), s.style());
  }

  private static JobSpec withPriority(JobSpec s, JobPriority priority) {
    return new JobSpec(
        s.kind(), priority, s.clip(), s.source(), s.matte(), s.decompose(), s.style());
  }

  /**
   * Submits the job that computes a missing result (one job per input and settings).
   *
   * @throws JobFailedException when that job failed: it stays failed until the input or settings
   *     change
   */
  private Job running(JobSpec spec) {
    Job job = jobs.submit(spec);
    if (job.state() == JobState.FAILED) {
      throw new JobFailedException(job);
    }
    return job;
  }

  private static FrameAnswer pending(ClipCollector.Known k, String stage, Job job, int frames) {
    String msg =
        job.stage().equals("waiting") || job.progress() == 0
            ? stage + ": " + job.message()
            : String.format(
                "%s %d%%%s",
                stage,
                Math.round(job.progress() * 100),
                job.message().isEmpty() ? "" : " (" + job.message() + ")");
    return new FrameAnswer(false, k.clipId(), stage, job.progress(), msg, frames);
  }

  private static JobSpec spec(JobKind kind, String clipId, FrameRequest r) {
    return new JobSpec(
        kind,
        r.priority(),
        clipId,
        null,
        null,
        r.decompose(),
        kind == JobKind.STYLIZE ? r.style() : null);
  }
}
