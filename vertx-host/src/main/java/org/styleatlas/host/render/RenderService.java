package org.styleatlas.host.render;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.jobs.ArtifactFrameRenderer;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.StyleSettings;
import org.styleatlas.host.bridge.WireParams;


/**
 * The render path (blocking; runs on worker threads): hash the frame, store it, contribute it to its
 * clip, then answer from the caches: clip → decomposition → stylized atlas → frame. Whatever is missing
 * is queued as a job (interactive for the viewer, batch in render-queue mode) and the answer is
 * {@code pending} with the source frame in the output.
 */
public final class RenderService {
  private static final Logger LOG = LoggerFactory.getLogger(RenderService.class);

  private final ContentCache cache;
  private final ClipStore clips;
  private final ClipCollector collector = new ClipCollector();
  private final JobExecutor jobs;
  private final Optional<ArtifactFrameRenderer> renderer;

  /** @param runners the build's runners; their frame renderer is built here, once, on {@code cache} */
  public RenderService(ContentCache cache, JobExecutor jobs, JobRunners runners) {
    this.cache = cache;
    this.clips = new ClipStore(cache);
    this.jobs = jobs;
    this.renderer = runners.renderer(cache);
  }

  /** Makes the clips already in the cache known again (after a restart). Blocking. */
  public void restoreClips() {
    clips.all().forEach(collector::index);
  }

  /** SHA-256 of a frame's input pixels, matte and matte source (docs/PROTOCOL.md). */
  public static String frameHash(FramePlanes p, String matteSource) {
    ContentHasher h = new ContentHasher().putLong(p.width()).putLong(p.height()).putBytes(p.image());
    h.putLong(p.matte() == null ? 0 : 1);
    if (p.matte() != null) {
      h.putBytes(p.matte());
    }
    return h.putString(matteSource).hex();
  }

  /**
   * Contributes a frame and answers it; with an output plane, fills it (stylized or source).
   *
   * @throws IOException when the cache cannot be written
   */
  public RenderOutcome handle(FramePlanes planes, WireParams params, int time, int clipLength) throws IOException {
    String hash = frameHash(planes, params.decompose().matteSource());
    clips.putFrame(hash, planes.width(), planes.height(), planes.image(), planes.matte());
    ClipCollector.Outcome outcome = collector.contribute(planes.width(), planes.height(), params.decompose(), time,
        hash, clipLength);
    if (outcome instanceof ClipCollector.Completed c) {
      clips.putClip(c.clip());
      LOG.info("clip {} complete: {} frames of {}x{}", c.clip().id().substring(0, 12), c.clip().frames().size(),
          c.clip().width(), c.clip().height());
      jobs.submit(spec(JobKind.DECOMPOSE, c.clip().id(), params));
      outcome = c.frame();
    }
    RenderOutcome answer = outcome instanceof ClipCollector.Known k
        ? fromCaches(k, planes, params)
        : collecting((ClipCollector.Collecting) outcome);
    if (!answer.stylized()) {
      planes.copySourceToOutput();
    }
    return answer;
  }

  private RenderOutcome collecting(ClipCollector.Collecting c) {
    String msg = c.clipLength() > 0
        ? String.format("collecting frames: %d of %d", c.collected(), c.clipLength())
        : String.format("collecting frames: %d so far; the clip completes when rendering restarts at frame 0",
            c.collected());
    return new RenderOutcome(false, "", "collecting", c.progress(), msg, c.collected());
  }

  private RenderOutcome fromCaches(ClipCollector.Known k, FramePlanes planes, WireParams params) throws IOException {
    int frames = clips.clip(k.clipId()).map(ClipRecord::frames).map(java.util.List::size).orElse(0);
    JobSpec decompose = spec(JobKind.DECOMPOSE, k.clipId(), params);
    Optional<CacheEntry> decomposition = cache.find(ArtifactKeys.decomposition(decompose));
    if (decomposition.isEmpty()) {
      return pending(k, "decomposing", jobs.submit(decompose), frames);
    }
    StyleSettings style = params.style();
    if (!style.hasPrompt()) {
      return new RenderOutcome(false, k.clipId(), "stylizing", 0, "decomposed; type a prompt to stylize", frames);
    }
    JobSpec stylize = spec(JobKind.STYLIZE, k.clipId(), params);
    Optional<CacheEntry> atlas = cache.find(ArtifactKeys.stylized(stylize));
    if (atlas.isEmpty()) {
      return pending(k, "stylizing", jobs.submit(stylize), frames);
    }
    if (renderer.isEmpty()) {
      return new RenderOutcome(false, k.clipId(), "stylizing", 1,
          "the stylized atlas is ready, but this build has no frame renderer", frames);
    }
    try {
      renderer.get().render(decomposition.get(), atlas.get(), k.frameIndex(), params.render(), planes.width(),
          planes.height(), planes.output().duplicate().order(planes.output().order()).asFloatBuffer());
    } catch (Exception e) {
      throw new IOException("rendering frame " + k.frameIndex() + " of clip " + k.clipId() + " failed: " + e.getMessage(), e);
    }
    return new RenderOutcome(true, k.clipId(), "done", 1, "stylized", frames);
  }

  private static RenderOutcome pending(ClipCollector.Known k, String stage, Job job, int frames) {
    String msg = job.stage().equals("waiting") || job.progress() == 0
        ? stage + ": " + job.message()
        : String.format("%s %d%%%s", stage, Math.round(job.progress() * 100),
            job.message().isEmpty() ? "" : " (" + job.message() + ")");
    return new RenderOutcome(false, k.clipId(), stage, job.progress(), msg, frames);
  }

  private static JobSpec spec(JobKind kind, String clipId, WireParams p) {
    JobPriority priority = p.waitMode() ? JobPriority.BATCH : JobPriority.INTERACTIVE;
    return new JobSpec(kind, priority, clipId, null, null, p.decompose(), kind == JobKind.STYLIZE ? p.style() : null);
  }

  /** The frame renderer built on the host's cache, if the build has one (the status page's before/after). */
  public Optional<ArtifactFrameRenderer> renderer() {
    return renderer;
  }

  /** The frames of collected clips, for the HTTP API. */
  public ClipStore clips() {
    return clips;
  }
}
