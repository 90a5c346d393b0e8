package org.styleatlas.engine.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.JobContext;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobStoppedException;

/**
 * A job context over a real cache, as the executor gives one: records progress, and cancels the job at
 * the {@code stopAt}-th stop check (never when 0).
 */
final class FakeJobContext implements JobContext {
  final List<String> progress = new CopyOnWriteArrayList<>();
  private final JobSpec spec;
  private final ContentCache cache;
  private final Path checkpoints;
  private final int stopAt;
  private int checks;

  FakeJobContext(JobSpec spec, ContentCache cache, Path checkpoints, int stopAt) {
    this.spec = spec;
    this.cache = cache;
    this.checkpoints = checkpoints;
    this.stopAt = stopAt;
  }

  @Override
  public String jobId() {
    return "test-" + spec.kind().wireName();
  }

  @Override
  public JobSpec spec() {
    return spec;
  }

  @Override
  public CacheKey outputKey() {
    return ArtifactKeys.output(spec);
  }

  @Override
  public ContentCache cache() {
    return cache;
  }

  @Override
  public ClipStore clips() {
    return new ClipStore(cache);
  }

  @Override
  public Path checkpointDir() {
    return checkpoints;
  }

  @Override
  public boolean resumed() {
    return false;
  }

  @Override
  public void progress(String stage, double fraction, String message) {
    progress.add(stage + " " + fraction);
  }

  @Override
  public synchronized void checkStop() {
    checks++;
    if (stopAt > 0 && checks >= stopAt) {
      throw new JobStoppedException(JobStoppedException.Reason.CANCELLED);
    }
  }

  synchronized int checks() {
    return checks;
  }
}
