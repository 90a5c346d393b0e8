package org.styleatlas.engine.studio;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ArtifactFrameRenderer;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobState;

/**
 * What the engine host's status page shows, in one place: the executor's jobs with their ETA and
 * last loss ({@link JobStatus}, recorded from every job event since this monitor was made), their
 * loss curves, the decomposition's atlases and summary, before/after frames from the host's frame
 * renderer, and the collected clips. Everything is read from the executor and the content cache;
 * the only number computed here is the ETA ({@link JobTimeline}). Methods that read the cache
 * block: call them off the event loop.
 */
public final class JobMonitor {
  /** The before/after views, as render output modes. */
  public static final List<String> VIEWS = JobArtifacts.VIEWS;

  /** The atlas layers. */
  public static final List<String> LAYERS = JobArtifacts.LAYERS;

  private final JobExecutor jobs;
  private final ClipStore clips;
  private final JobArtifacts artifacts;
  private final JobTimeline timeline = new JobTimeline();

  /**
   * Starts recording the executor's job events ({@link Studio#monitor()} makes the host's).
   *
   * @param keys the addresses of the jobs' artifacts
   * @param renderer the host's frame renderer, if the build has one (before/after)
   */
  JobMonitor(
      ContentCache cache,
      JobExecutor jobs,
      ArtifactKeys keys,
      Optional<ArtifactFrameRenderer> renderer) {
    this.jobs = jobs;
    this.clips = new ClipStore(cache);
    this.artifacts = new JobArtifacts(cache, keys, renderer);
    jobs.addListener(timeline::record);
  }

  /**
   * Calls {@code listener} with the job's status on every change of any job (on the changing
   * thread).
   */
  public void onChange(Consumer<JobStatus> listener) {
    jobs.addListener(job -> listener.accept(timeline.status(job)));
  }

  /** Every job, oldest first. */
  public List<JobStatus> jobs() {
    return jobs.list().stream().map(timeline::status).toList();
  }

  /**
   * Runs a failed or cancelled job's spec again as a new job ({@link JobExecutor#retry}); the old
   * record stays as it was.
   *
   * @return the new job
   * @throws InputException when the job did not fail and was not cancelled
   */
  public JobStatus retry(String id) {
    Job job = job(id);
    if (job.state() != JobState.FAILED && job.state() != JobState.CANCELLED) {
      throw new InputException(
          "job "
              + id
              + ": only a failed or cancelled job can be retried; it is "
              + job.state().toString().toLowerCase(Locale.ROOT));
    }
    return timeline.status(jobs.retry(id).orElseThrow(() -> new UnknownJobException(id)));
  }

  /** The job's decomposition and stylization, as far as they are in the cache. Blocking. */
  public ArtifactSummary artifacts(String id) throws IOException {
    return artifacts.summary(job(id));
  }

  /**
   * The job's loss curve: from its output entry once it succeeded, else the losses its progress
   * events reported. Blocking.
   */
  public LossCurve losses(String id) throws IOException {
    Job job = job(id);
    if (job.state() == JobState.SUCCEEDED) {
      return artifacts.reportedLosses(job).orElseGet(() -> timeline.liveLosses(id));
    }
    return timeline.liveLosses(id);
  }

  /** A decomposition atlas texture ({@link #LAYERS}) as PNG bytes. Blocking. */
  public byte[] atlasPng(String id, String layer) throws IOException {
    if (!LAYERS.contains(layer)) {
      throw new InputException("atlas: must be one of " + LAYERS + ", got '" + layer + "'");
    }
    return java.nio.file.Files.readAllBytes(artifacts.atlas(job(id), layer));
  }

  /**
   * Frame {@code t} of a succeeded stylize job in one of {@link #VIEWS}, as PNG bytes. Blocking.
   */
  public byte[] viewPng(String id, int t, String view) throws Exception {
    if (!VIEWS.contains(view)) {
      throw new InputException("view: must be one of " + VIEWS + ", got '" + view + "'");
    }
    return artifacts.view(job(id), t, view);
  }

  /** Every clip collected from the plug-in that is still in the cache. Blocking. */
  public List<ClipSummary> clips() {
    return clips.all().stream().map(JobMonitor::summary).toList();
  }

  private static ClipSummary summary(ClipRecord c) {
    return new ClipSummary(
        c.id(), c.width(), c.height(), c.frames().size(), c.decompose().matteSource());
  }

  private Job job(String id) {
    return jobs.get(id).orElseThrow(() -> new UnknownJobException(id));
  }
}
