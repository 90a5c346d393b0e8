package org.styleatlas.engine.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.doctor.Diagnostics;
import org.styleatlas.engine.jobs.ArtifactFrameRenderer;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.JobBoard;
import org.styleatlas.engine.jobs.JobExecutor;
import org.styleatlas.engine.jobs.JobRunners;
import org.styleatlas.engine.jobs.LocalJobBoard;
import org.styleatlas.engine.pipeline.ArtifactRecipe;
import org.styleatlas.engine.pipeline.PipelineSettings;
import org.styleatlas.engine.render.AtlasFiles;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.RenderJob;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;

/**
 * The one application API of the engine: what the host (vertx-host) and the CLI (installer) call,
 * and nothing else of the engine besides the jobs API and the value types they take. It owns every
 * artifact's identity ({@link ArtifactRecipe}, {@link FrameHashes}) and layout, so a clip the CLI
 * prepared is recognised and rendered by the host, and the reverse.
 *
 * <p>Use cases: add frames / recognise a clip ({@link #render} for the plug-in's frames, {@link
 * #prepare} for files); ensure a decomposition ({@link #prepare}; the host's through its jobs);
 * ensure a stylization ({@link #stylizeClip}; the host's through its jobs); render a frame at (t,
 * size, mode) ({@link #render}; whole clips to files with {@link #renderClip}); export and import
 * atlases ({@link #exportAtlases}, {@link #renderClip} with a painted atlas); list and evict
 * artifacts ({@link #artifacts}, {@link #evict}).
 *
 * <p>Thread-safe for {@link #render}; {@link #prepare} and {@link #stylizeClip} run in the calling
 * thread (the CLI's), and must not overlap with a host's trainer on the same clip.
 */
public final class Studio {

  private final ContentCache cache;
  private final ClipStore clips;
  private final ArtifactKeys keys;
  private final FramePath frames;
  private final PipelineSettings settings;
  private final JobExecutor jobs;
  private final JobMonitor monitor;

  private Studio(
      ContentCache cache,
      ArtifactKeys keys,
      FramePath frames,
      PipelineSettings settings,
      JobExecutor jobs,
      JobMonitor monitor) {
    this.monitor = monitor;
    this.cache = cache;
    this.settings = settings;
    this.jobs = jobs;
    this.clips = new ClipStore(cache);
    this.keys = keys;
    this.frames = frames;
  }

  /**
   * The host's studio: frames come from the plug-in, missing artifacts are computed by {@code
   * jobs}.
   *
   * @param runners the build's runners; their frame renderer is built here, once, on {@code cache}
   */
  public static Studio forHost(ContentCache cache, JobExecutor jobs, JobRunners runners) {
    ClipStore clips = new ClipStore(cache);
    Optional<ArtifactFrameRenderer> renderer = runners.renderer(cache);
    return new Studio(
        cache,
        runners.keys(),
        new FramePath(
            cache,
            clips,
            jobs,
            runners.keys(),
            renderer,
            runners.offers(org.styleatlas.engine.jobs.JobKind.PREVIEW)),
        PipelineSettings.fromEnvironment(),
        jobs,
        new JobMonitor(cache, jobs, runners.keys(), renderer));
  }

  /**
   * The host's studio on its folders: the content cache, and a job executor (not started; start it
   * with {@code jobs().start()}) whose records and checkpoints live in {@code stateDir}.
   *
   * @param cacheMaxBytes the cache's size cap; least recently used entries are evicted beyond it
   * @param shutdownWait how long closing the executor waits for the running job to checkpoint
   */
  public static Studio forHost(
      Path cacheDir,
      long cacheMaxBytes,
      Path stateDir,
      JobRunners runners,
      java.time.Duration shutdownWait) {
    return forHost(
        cacheDir, cacheMaxBytes, stateDir, runners, shutdownWait, new LocalJobBoard(stateDir));
  }

  /**
   * As {@link #forHost(Path, long, Path, JobRunners, java.time.Duration)}, with the job records and
   * queue on {@code board} (a render farm's shared board: the cache folder must then be shared by
   * the farm's hosts too).
   */
  public static Studio forHost(
      Path cacheDir,
      long cacheMaxBytes,
      Path stateDir,
      JobRunners runners,
      java.time.Duration shutdownWait,
      JobBoard board) {
    ContentCache cache = new ContentCache(cacheDir, cacheMaxBytes);
    return forHost(cache, new JobExecutor(cache, stateDir, board, runners, shutdownWait), runners);
  }

  /**
   * This studio's cache as one of a render farm's caches (hosts with their own cache folders fetch
   * entries from each other).
   */
  public FarmArtifacts farmArtifacts() {
    return new FarmArtifacts(cache);
  }

  /**
   * Whether this machine's trainer runs on a GPU: the device the default {@code auto} choice
   * resolves to (the first GPU when DJL's engine sees one). Loads the engine.
   */
  public static boolean trainsOnGpu() {
    return org.styleatlas.engine.decomposition.config.DeviceChoice.AUTO
        .resolve(org.styleatlas.engine.runtime.DjlRuntime.engine())
        .isGpu();
  }

  /** The host's job executor (the jobs API: submit, list, cancel); absent from a CLI studio. */
  public JobExecutor jobs() {
    if (jobs == null) {
      throw new IllegalStateException("this studio runs no jobs; use Studio.forHost");
    }
    return jobs;
  }

  /**
   * What the host's status page shows (jobs with ETA and loss, loss curves, atlases, before/after
   * frames, clips), recording every job event since this studio was made; absent from a CLI studio.
   */
  public JobMonitor monitor() {
    if (monitor == null) {
      throw new IllegalStateException("this studio runs no jobs; use Studio.forHost");
    }
    return monitor;
  }

  /** A studio that computes in the calling thread (the CLI), with this engine's settings. */
  public static Studio local(ContentCache cache, PipelineSettings settings) {
    return new Studio(cache, new ArtifactRecipe(settings), null, settings, null, null);
  }

  /** Default size cap of a CLI studio's cache (the host's default {@code cache.maxBytes}). */
  public static final long DEFAULT_MAX_BYTES = 20L << 30;

  /**
   * A CLI studio on {@code cacheDir} with this process's engine settings ({@link
   * PipelineSettings#fromEnvironment()}).
   */
  public static Studio local(Path cacheDir) {
    DjlRuntime.forceOffline();
    return local(new ContentCache(cacheDir, DEFAULT_MAX_BYTES), PipelineSettings.fromEnvironment());
  }

  /**
   * The default cache folder, shared by the CLI and the host: {@code $XDG_CACHE_HOME/styleatlas}.
   */
  public static Path defaultCacheDir() {
    return ContentCache.defaultRoot();
  }

  /**
   * Keeps DJL offline in this process (nothing downloads at run time); call before anything starts
   * it.
   */
  public static void forceOffline() {
    DjlRuntime.forceOffline();
  }

  /**
   * A clip's frames, size, rate, duration and matte status from its headers (no decoding); empty:
   * the embedded demo clip. A matte that does not fit the clip is an input error.
   */
  public static ClipProbe probe(Optional<Path> input, Optional<Path> matte) {
    return ClipProbe.of(input, matte);
  }

  /**
   * The engine's runtime checks behind {@code styleatlas doctor}: Java, DJL offline mode, the
   * PyTorch native library (and GPUs), FFmpeg and OpenCV, the cache folder, the installed CLIP
   * models. Each check catches its own failure; never throws.
   */
  public static List<HealthCheck> diagnostics(Path cacheDir) {
    return Diagnostics.run(cacheDir).stream()
        .map(c -> new HealthCheck(c.name(), c.ok(), c.detail(), c.fix()))
        .toList();
  }

  /** Reads an image file (a style image or an atlas PNG) as a frame. */
  public static Frame readImage(Path file) {
    return AtlasFiles.read(file, 0, 0).toFrame();
  }

  /** The addresses this studio computes and looks up. */
  public ArtifactKeys keys() {
    return keys;
  }

  // ---------------------------------------------------------------- the plug-in's frames (host)

  /**
   * Contributes a plug-in frame and answers it: recognises its clip, and fills the output plane
   * (when there is one) with the stylized frame, or with the source while something is missing
   * (then queued).
   *
   * @throws IOException when the cache cannot be written
   */
  public FrameAnswer render(FrameRequest request) throws IOException {
    return host().handle(request);
  }

  /**
   * Makes the clips in the cache known (after a restart, or after the CLI prepared one). Blocking.
   */
  public void restoreClips() {
    host().restoreClips();
  }

  /** A recognised clip. */
  public Optional<ClipRecord> clip(String id) {
    return clips.clip(id);
  }

  /** Frame {@code t} of a recognised clip as the plug-in sent it, float32 RGBA. */
  public Frame clipFrame(ClipRecord clip, int t) {
    return clips.frame(clip, t);
  }

  /**
   * Frame {@code t} of a recognised clip as an 8-bit PNG (for the HTTP API), or empty when the clip
   * is not known.
   */
  public Optional<byte[]> clipFramePng(String clipId, int t) throws IOException {
    Optional<ClipRecord> clip = clips.clip(clipId);
    if (clip.isEmpty()) {
      return Optional.empty();
    }
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ClipWriter.encodePng(clips.frame(clip.get(), t), png);
    return Optional.of(png.toByteArray());
  }

  private FramePath host() {
    if (frames == null) {
      throw new IllegalStateException("this studio has no job executor; use Studio.forHost");
    }
    return frames;
  }

  // ---------------------------------------------------------------- files (CLI)

  /**
   * Recognises a clip on disk and ensures its decomposition (decomposing through the cache when it
   * is missing): the clip is recorded with the frame hashes the plug-in would send for its
   * full-size pixels ({@link FrameHashes}; matte source {@code clip} with matte files, else {@code
   * alpha}), each frame hashed as it is read and shrunk to the working resolution at once, so the
   * clip never sits in memory at full size. Without files: the embedded demo clip, exactly
   * decomposed. The decomposition preset and working size not given in {@code files} are this
   * engine's ({@link PipelineSettings}, the host's), so by default the CLI prepares what the host
   * looks up.
   *
   * @throws java.util.concurrent.CancellationException when cancelled during the decomposition (its
   *     checkpoint is kept; the next call resumes)
   */
  public PreparedClip prepare(
      Optional<ClipFiles> files, ProgressSink progress, Cancellation cancellation)
      throws IOException {
    return files.isEmpty()
        ? PreparedClip.demo(Scenes.demo())
        : fileClips().prepare(files.get(), progress, cancellation);
  }

  /**
   * Prepares a clip on disk ({@link #prepare}) and writes what its decomposition shows into {@code
   * out}: the reconstruction and a side-by-side (original | reconstruction | α) as videos or PNG
   * folders, the atlases, the report and the loss plot.
   *
   * @param format {@code mp4} (H.264 videos) or {@code png} (PNG sequences)
   */
  public DecompositionSummary decomposeClip(
      ClipFiles files, Path out, String format, ProgressSink progress, Cancellation cancellation)
      throws IOException {
    return fileClips().decompose(files, out, format, progress, cancellation);
  }

  /**
   * Segments the object of a clip on disk from a box on one frame and writes every frame's matte as
   * a PNG folder at the source's size: the matte a decomposition with this box uses, to check or
   * reuse ({@code --matte}). The working size not given in {@code request} is this engine's.
   */
  public MatteSummary matteClip(MatteRequest request, ProgressSink progress) throws IOException {
    return BoxMattes.write(request, settings.longEdge(), progress);
  }

  private FileClips fileClips() {
    return new FileClips(cache, clips, settings, frames);
  }

  /**
   * Fine-tunes a prepared clip towards a prompt (or finds the result in the cache, at the address
   * the host looks up), renders it to {@code out} and writes a JSON report and a loss plot beside
   * it.
   *
   * @param report the report file; empty: {@code out} without a video extension, plus {@code .json}
   * @param exportAtlas where to write the stylized foreground atlas as a PNG, if wanted
   * @param decomposeSeconds how long preparing took, for the report
   * @throws java.util.concurrent.CancellationException when cancelled during fine-tuning (its
   *     checkpoint is kept; the next call resumes)
   */
  public StylizeOutcome stylizeClip(
      PreparedClip clip,
      StylizeRequest request,
      RenderRequest render,
      Path out,
      Optional<Path> report,
      Optional<Path> exportAtlas,
      String clipDescription,
      double decomposeSeconds,
      ProgressSink progress,
      Cancellation cancellation)
      throws IOException {
    return new ClipStylizer(cache)
        .run(
            clip,
            request,
            render,
            out,
            report,
            exportAtlas,
            clipDescription,
            decomposeSeconds,
            progress,
            cancellation);
  }

  /**
   * Renders a prepared clip to {@code out} (a PNG folder, an H.264 .mp4 or a ProRes 4444 .mov): its
   * original atlases, or a painted or stylized foreground atlas PNG of the exported size.
   */
  public RenderOutcome renderClip(
      PreparedClip clip,
      RenderRequest render,
      Optional<Path> atlasPng,
      Path out,
      ProgressSink progress)
      throws IOException {
    EditableScene scene = clip.scene();
    RenderSettings settings = render.resolve(scene.width(), scene.height());
    RenderJob.check(out, settings);
    AtlasSet original = scene.atlases();
    AtlasSet atlases =
        atlasPng.isEmpty()
            ? original
            : original.withStylizedForeground(
                AtlasFiles.readLike(atlasPng.get(), original.foreground()));
    double seconds = clip.render(t -> atlases, settings, out, progress);
    return new RenderOutcome(
        scene.frameCount(),
        settings.width(),
        settings.height(),
        settings.mode().cliName(),
        out,
        seconds);
  }

  /**
   * Writes the clip's original atlases as PNGs, to paint and render back.
   *
   * @return the foreground atlas's size when it was written
   */
  public Optional<AtlasExport> exportAtlases(
      PreparedClip clip, Optional<Path> foreground, Optional<Path> background) throws IOException {
    AtlasSet atlases = clip.scene().atlases();
    if (background.isPresent()) {
      AtlasFiles.write(atlases.background(), background.get());
    }
    if (foreground.isEmpty()) {
      return Optional.empty();
    }
    AtlasFiles.write(atlases.foreground(), foreground.get());
    return Optional.of(
        new AtlasExport(atlases.foreground().width(), atlases.foreground().height()));
  }

  // ---------------------------------------------------------------- artifacts

  /** Every artifact in the cache, least recently used first. */
  public List<Artifact> artifacts() {
    return eviction().all();
  }

  /**
   * Removes the artifact {@code key} names ({@code kind/hash}, the hash whole or a unique prefix of
   * at least 6 digits); what depends on it is computed again when needed.
   *
   * @return what was removed
   * @throws org.styleatlas.engine.InputException when the key is malformed, or names no artifact or
   *     more than one
   */
  public Artifact evict(String key) {
    return eviction().evict(key);
  }

  /**
   * Removes a recognised clip's artifacts (its id whole or a unique prefix): the clip record, the
   * frames no other clip uses and its decomposition at this engine's settings. Stylized atlases and
   * maps at output sizes made from that decomposition are not found from the clip (their addresses
   * are one-way hashes); {@link #evictOlderThan} or the cache's size cap removes them.
   *
   * @return what was removed
   */
  public List<Artifact> evictClip(String clipId) {
    return eviction().evictClip(clipId);
  }

  /**
   * Removes every artifact not read or written for longer than {@code age}.
   *
   * @return what was removed
   */
  public List<Artifact> evictOlderThan(java.time.Duration age) {
    return eviction().evictOlderThan(age, java.time.Instant.now());
  }

  private ArtifactEviction eviction() {
    return new ArtifactEviction(cache, clips, settings);
  }
}
