package org.styleatlas.engine.jobs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.styleatlas.engine.cache.ContentCache;

/**
 * The runners of this build, one per {@link JobKind}, and the frame renderer. A build without any
 * runner ({@link #none()}) keeps its jobs queued (stage "waiting") until an engine that has runners
 * takes them; in a build with runners, a job of a kind without one fails at once, saying so. The
 * renderer is registered as a factory of the host's {@link ContentCache} (the host creates the
 * cache after discovery), so it can keep what it computes on disk next to the jobs' artifacts; the
 * host builds it once.
 */
public final class JobRunners {
  private final Map<JobKind, JobRunner> runners = new EnumMap<>(JobKind.class);
  private Function<ContentCache, ? extends ArtifactFrameRenderer> renderer;
  private ArtifactKeys keys = SpecKeys.INSTANCE;
  private java.util.Set<JobKind> elsewhere = java.util.EnumSet.noneOf(JobKind.class);

  /** No runners: every job waits, renders answer pending with the source frame. */
  public static JobRunners none() {
    return new JobRunners();
  }

  /** Every {@link JobRunnerProvider} on the class path, registered in class-name order. */
  public static JobRunners discover() {
    JobRunners r = new JobRunners();
    java.util.ServiceLoader.load(JobRunnerProvider.class).stream()
        .sorted(java.util.Comparator.comparing(p -> p.type().getName()))
        .forEach(p -> p.get().register(r));
    return r;
  }

  /**
   * The same renderer and keys without any runner: a render-only engine of a farm, which leaves
   * every job to the engines that train.
   */
  public JobRunners renderOnly() {
    JobRunners r = new JobRunners();
    r.renderer = renderer;
    r.keys = keys;
    r.elsewhere =
        java.util.EnumSet.copyOf(runners.keySet().isEmpty() ? elsewhere : runners.keySet());
    return r;
  }

  public JobRunners set(JobKind kind, JobRunner runner) {
    runners.put(kind, runner);
    return this;
  }

  /** A renderer that needs no cache of its own. */
  public JobRunners setRenderer(ArtifactFrameRenderer r) {
    return setRenderer(cache -> r);
  }

  /** A renderer built by the host, once, on its content cache. */
  public JobRunners setRenderer(Function<ContentCache, ? extends ArtifactFrameRenderer> factory) {
    this.renderer = factory;
    return this;
  }

  /** The artifact addresses of this build's pipeline (its settings are part of them). */
  public JobRunners setKeys(ArtifactKeys keys) {
    this.keys = keys;
    return this;
  }

  /**
   * Where this build's jobs write their outputs; {@link SpecKeys} unless a pipeline registered its
   * recipe.
   */
  public ArtifactKeys keys() {
    return keys;
  }

  /**
   * Whether no runner is registered at all: a render-only engine, whose jobs wait for an engine
   * that runs them (another node of a farm, or this one restarted with runners).
   */
  public boolean runsNoJobs() {
    return runners.isEmpty();
  }

  /** The kinds this build runs, e.g. "decompose, stylize". */
  public String kindsText() {
    return runners.keySet().stream()
        .map(JobKind::wireName)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * Whether jobs of {@code kind} get run: by a runner here, or, for a {@link #renderOnly()} copy,
   * by the farm's engines that have the build's runner (so a render-only host still queues
   * previews).
   */
  public boolean offers(JobKind kind) {
    return runners.containsKey(kind) || elsewhere.contains(kind);
  }

  public Optional<JobRunner> runner(JobKind kind) {
    return Optional.ofNullable(runners.get(kind));
  }

  /** Whether a renderer is registered. */
  public boolean hasRenderer() {
    return renderer != null;
  }

  /**
   * A new renderer on {@code cache}; call once per host (a renderer holds memory caches of its
   * own).
   */
  public Optional<ArtifactFrameRenderer> renderer(ContentCache cache) {
    return Optional.ofNullable(renderer).map(f -> f.apply(cache));
  }
}
