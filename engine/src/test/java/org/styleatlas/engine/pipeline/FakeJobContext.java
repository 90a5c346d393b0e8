package org.styleatlas.engine.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.JobContext;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.JobStoppedException;

/**
 * A job context over a real cache, as the executor gives one: records progress ("stage fraction"),
 * and cancels the job at the {@code stopAt}-th stop check (never when 0).
 */
record FakeJobContext(
    JobSpec spec,
    ContentCache cache,
    Path checkpointDir,
    int stopAt,
    ArtifactKeys keys,
    AtomicInteger checks,
    List<String> progress)
    implements JobContext {

  FakeJobContext(
      JobSpec spec, ContentCache cache, Path checkpointDir, int stopAt, ArtifactKeys keys) {
    this(
        spec,
        cache,
        checkpointDir,
        stopAt,
        keys,
        new AtomicInteger(),
        new CopyOnWriteArrayList<>());
  }

  @Override
  public String jobId() {
    return "test-" + spec.kind().wireName();
  }

  @Override
  public CacheKey outputKey() {
    return keys.output(spec);
  }

  @Override
  public ClipStore clips() {
    return new ClipStore(cache);
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
  public void checkStop() {
    if (checks.incrementAndGet() >= stopAt && stopAt > 0) {
      throw new JobStoppedException(JobStoppedException.Reason.CANCELLED);
    }
  }
}
