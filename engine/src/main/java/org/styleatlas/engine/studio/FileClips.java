package org.styleatlas.engine.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.Decomposition;
import org.styleatlas.engine.decomposition.DecompositionExport;
import org.styleatlas.engine.decomposition.DecompositionJob;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.jobs.ClipIdentity;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.maps.MapStore;
import org.styleatlas.engine.pipeline.ArtifactRecipe;
import org.styleatlas.engine.pipeline.DecompositionBudget;
import org.styleatlas.engine.pipeline.DecompositionEntry;
import org.styleatlas.engine.pipeline.FileClipReader;
import org.styleatlas.engine.pipeline.JobClips;
import org.styleatlas.engine.pipeline.OpacityChoice;
import org.styleatlas.engine.pipeline.PipelineSettings;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.scene.DecompositionScene;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.video.Clip;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.MediaInfo;
import org.styleatlas.engine.video.OutputFormat;

/**
 * {@link Studio#prepare} and {@link Studio#decomposeClip} for a clip on disk: recognise it as the
 * plug-in's frames would be, and decompose it into the one decomposition entry at its address.
 */
final class FileClips {
  private static final Logger LOG = LoggerFactory.getLogger(FileClips.class);

  private final ContentCache cache;
  private final ClipStore clips;
  private final PipelineSettings settings;
  private final FramePath frames;
  private final DecompositionBudget budget;

  /**
   * @param frames the host's render path, told about recognised clips; null in the CLI
   */
  FileClips(ContentCache cache, ClipStore clips, PipelineSettings settings, FramePath frames) {
    this(cache, clips, settings, frames, DecompositionBudget.ofThisProcess());
  }

  /**
   * @param budget the memory a decomposition may use, checked before a clip is read (#19.6)
   */
  FileClips(
      ContentCache cache,
      ClipStore clips,
      PipelineSettings settings,
      FramePath frames,
      DecompositionBudget budget) {
    this.cache = cache;
    this.clips = clips;
    this.settings = settings;
    this.frames = frames;
    this.budget = budget;
  }

  PreparedClip prepare(ClipFiles f, ProgressSink progress, Cancellation cancellation)
      throws IOException {
    DecompositionConfig config = config(f);
    int longEdge = f.longEdge().orElse(settings.longEdge());
    WorkingSize size = new WorkingSize(longEdge, f.allowUpscale());
    FrameSize sourceSize = WorkingSize.sourceSize(f.source());
    ClipRequest request = size.request(f.source(), f.matte(), sourceSize);
    budget.require(
        f.source(),
        MediaInfo.listedFrames(f.source()),
        sourceSize.fitLongEdge(request.longEdgeFor(sourceSize)),
        config.schedule().batchPixels());
    DecomposeSettings matte = f.matteSettings(sourceSize.width(), sourceSize.height());
    FileClipReader.Recognised read = FileClipReader.read(request, matte.matteSource());
    Clip clip = read.clip();
    if (f.box().isEmpty() && !clip.hasMatte()) {
      throw InputException.of(
          f.source(),
          "no matte: give --matte (a folder of PNG masks or a matte video), --box,"
              + " or a source with alpha");
    }
    ClipRecord record = recognise(read, matte);
    CacheKey key =
        ArtifactRecipe.decomposition(
            ClipIdentity.ofClip(record.id()), matte, config, longEdge, size.upscales(sourceSize));
    DecompositionConfig opacity = OpacityChoice.config(config, matte);
    Optional<CacheEntry> segmented = matte.fromBox() ? cache.find(key) : Optional.empty();
    Clip working;
    Decomposition d;
    if (segmented.isPresent()) {
      // the box's segmentation (seconds per clip) only feeds training, which is done
      working = JobClips.unmatted(clip, longEdge);
      d = Decomposition.open(segmented.get(), opacity);
      LOG.info(
          "decomposition of {} found in the cache ({}); box not segmented again", clip.name(), key);
    } else {
      Clip resolved = JobClips.working(clip, matte, longEdge);
      working = resolved;
      d =
          DecompositionJob.builder()
              .setClip(resolved)
              .setConfig(opacity)
              .optCache(cache)
              .optEntry(key, dir -> DecompositionEntry.writeExtras(dir, resolved))
              .optProgress(progress)
              .optCancellation(cancellation)
              .build()
              .run();
    }
    return new PreparedClip(
        record,
        key,
        new DecompositionScene(
            d, working, progress, new MapStore(Optional.of(cache), Scenes.RENDER_MEMORY_BYTES)),
        working,
        f.source());
  }

  DecompositionSummary decompose(
      ClipFiles files, Path out, String format, ProgressSink progress, Cancellation cancellation)
      throws IOException {
    OutputFormat written =
        switch (format.toLowerCase(Locale.ROOT)) {
          case "mp4" -> OutputFormat.H264_MP4;
          case "png" -> OutputFormat.PNG_SEQUENCE;
          default ->
              throw new InputException("--format: expected mp4 or png, got '" + format + "'");
        };
    config(files);
    try (PreparedClip clip = prepare(files, progress, cancellation)) {
      Decomposition d = ((DecompositionScene) clip.scene()).decomposition();
      DecompositionExport.write(d, clip.working(), out, written, progress);
      return new DecompositionSummary(
          d.report().meanPsnr(),
          clip.working().frameCount(),
          d.report().iterations(),
          out.toAbsolutePath());
    }
  }

  /**
   * The decomposition settings of {@code files}: its preset or the engine's, with its overrides.
   */
  private DecompositionConfig config(ClipFiles files) {
    DecompositionConfig config =
        files.decomposition().map(DecompositionConfig::of).orElse(settings.decomposition());
    if (files.iterations().isPresent()) {
      config = config.withIterations(files.iterations().get());
    }
    if (files.seed().isPresent()) {
      config = config.withSchedule(config.schedule().withSeed(files.seed().get()));
    }
    return config;
  }

  /**
   * Records a clip as the plug-in's frames would be recognised: with matte files, as frames with a
   * matte plane and matte source {@code clip}; else as RGBA frames with matte source {@code alpha}
   * or {@code box}.
   */
  private ClipRecord recognise(FileClipReader.Recognised read, DecomposeSettings matte)
      throws IOException {
    List<String> hashes = read.frameHashes();
    ClipRecord record = new ClipRecord(read.clipId(), read.width(), read.height(), matte, hashes);
    clips.putClip(record);
    if (frames != null) {
      frames.index(record);
    }
    LOG.info(
        "clip {} recognised: {} frames of {}x{}",
        record.id().substring(0, 12),
        hashes.size(),
        record.width(),
        record.height());
    return record;
  }
}
