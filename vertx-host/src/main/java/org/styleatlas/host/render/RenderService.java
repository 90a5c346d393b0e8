package org.styleatlas.host.render;

import java.io.IOException;
import java.util.List;
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

  /** The stage of a render answered with the quick preview while the full stylization trains. */
  public static final String PREVIEW_STAGE = "preview";

  private final ContentCache cache;
  private final ClipStore clips;
  private final ClipCollector collector = new ClipCollector();
  private final JobExecutor jobs;
  private final Optional<ArtifactFrameRenderer> renderer;
  private final boolean previews;

  /** @param runners the build's runners; their frame renderer is built here, once, on {@code cache} */
  public RenderService(ContentCache cache, JobExecutor jobs, JobRunners runners) {
    this.cache = cache;
    this.clips = new ClipStore(cache);
    this.jobs = jobs;
    this.renderer = runners.renderer(cache);
    this.previews = runners.runner(JobKind.PREVIEW).isPresent();
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
    if (!answer.outputWritten()) {
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
    Looks looks = looks(k.clipId(), params);
    boolean ready = looks.first() != null && (looks.missing().isEmpty() || looks.preview());
    if (!ready) {
      return pending(k, stage(looks.missing().get()), looks.missing().get(), frames);
    }
    if (renderer.isEmpty()) {
      return new RenderOutcome(false, k.clipId(), "stylizing", 1,
          "the stylized atlas is ready, but this build has no frame renderer", frames);
    }
    try {
      renderer.get().render(decomposition.get(), looks.first(), looks.morphTarget(), k.frameIndex(), params.render(),
          planes.width(), planes.height(), planes.output().duplicate().order(planes.output().order()).asFloatBuffer());
    } catch (Exception e) {
      throw new IOException("rendering frame " + k.frameIndex() + " of clip " + k.clipId() + " failed: " + e.getMessage(), e);
    }
    if (looks.preview()) {
      Job full = looks.missing().get();
      return new RenderOutcome(false, k.clipId(), PREVIEW_STAGE, full.progress(), String.format(
          "preview; stylizing %d%%, the full result replaces it", Math.round(full.progress() * 100)), frames, true);
    }
    return new RenderOutcome(true, k.clipId(), "done", 1, "stylized", frames);
  }

  private static String stage(Job job) {
    return job.spec().kind() == JobKind.PREVIEW ? "previewing" : "stylizing";
  }

  /**
   * The stylized atlases a frame needs: the prompt's, and the morph target's when there is one.
   *
   * @param first the prompt's entry (null while missing)
   * @param morphTarget the morph target's entry, or null (no target, or missing)
   * @param missing the job computing the full atlas of a look this frame shows, when one is missing
   * @param preview whether an entry is a quick preview standing in for a full atlas still training
   */
  private record Looks(CacheEntry first, CacheEntry morphTarget, Optional<Job> missing, boolean preview) {}

  /** One look: its entry (full or preview; null when neither exists), and the job of its missing full atlas. */
  private record Look(CacheEntry entry, boolean preview, Optional<Job> missing) {}

  /**
   * Finds the stylized atlases of the prompt and of the morph target, and queues those missing. Every
   * prompt seen is trained; the look this frame shows most ({@code morph} below or above one half) is
   * queued first. A look the frame does not show at all (morph exactly 0 or 1) is queued at batch priority,
   * behind what the viewer needs now, and does not hold the frame back.
   */
  private Looks looks(String clipId, WireParams params) {
    JobSpec first = spec(JobKind.STYLIZE, clipId, params);
    if (!params.hasMorphTarget()) {
      Look a = look(first, true, params.waitMode());
      return new Looks(a.entry(), null, a.missing(), a.preview());
    }
    double morph = params.render().morph();
    JobSpec target = new JobSpec(JobKind.STYLIZE, first.priority(), clipId, null, null, params.decompose(),
        params.morphStyle());
    boolean targetFirst = morph > 0.5;
    Look a = targetFirst ? null : look(first, morph < 1, params.waitMode());
    Look b = look(target, morph > 0, params.waitMode());
    a = a != null ? a : look(first, morph < 1, params.waitMode());
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
   * One look's atlas: the full one when it exists; else its job is queued (at batch priority when the
   * frame does not show the look) and, unless the shim waits for the full result, its quick preview is
   * queued before it and used when it exists.
   *
   * @param shown whether the frame shows this look (a morph weight above 0)
   * @param waitMode render-queue mode: previews are of no use there (nor in a build without a preview runner)
   */
  private Look look(JobSpec full, boolean shown, boolean waitMode) {
    Optional<CacheEntry> atlas = cache.find(ArtifactKeys.stylized(full));
    if (atlas.isPresent()) {
      return new Look(atlas.get(), false, Optional.empty());
    }
    JobSpec queued = shown ? full : background(full);
    if (waitMode || !previews) {
      Job job = jobs.submit(queued);
      return new Look(null, false, shown ? Optional.of(job) : Optional.empty());
    }
    JobSpec previewSpec = withKind(queued, JobKind.PREVIEW);
    Optional<CacheEntry> preview = cache.find(ArtifactKeys.preview(previewSpec));
    Job previewJob = preview.isPresent() ? null : jobs.submit(previewSpec);
    Job job = jobs.submit(queued);
    if (!shown) {
      return new Look(preview.orElse(null), preview.isPresent(), Optional.empty());
    }
    return new Look(preview.orElse(null), preview.isPresent(), Optional.of(preview.isPresent() ? job : previewJob));
  }

  private static JobSpec withKind(JobSpec s, JobKind kind) {
    return new JobSpec(kind, s.priority(), s.clip(), s.source(), s.matte(), s.decompose(), s.style());
  }

  private static JobSpec background(JobSpec s) {
    return new JobSpec(s.kind(), JobPriority.BATCH, s.clip(), s.source(), s.matte(), s.decompose(), s.style());
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

  /** The frames of collected clips, for the HTTP API. */
  public ClipStore clips() {
    return clips;
  }
}
