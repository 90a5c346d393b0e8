package org.styleatlas.engine.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.clipmodel.ClipModels;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.pipeline.ArtifactRecipe;
import org.styleatlas.engine.render.AtlasFiles;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.RenderJob;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.EditingAtlasTrainer;
import org.styleatlas.engine.stylize.LossPlot;
import org.styleatlas.engine.stylize.PromptTrack;
import org.styleatlas.engine.stylize.StylizationResult;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.StylizeReport;
import org.styleatlas.engine.stylize.StylizedAtlasCache;
import org.styleatlas.engine.stylize.loss.StructureLoss;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.OutputFormat;

/**
 * {@link Studio#stylizeClip}: the CLI's stylization of a prepared clip, end to end (fine-tune or
 * find, render, report, loss plot). With a prompt track ({@code --prompts}) every prompt is
 * fine-tuned (or found) in the track's order and each frame is rendered from its key's look, or
 * from the blend of two looks in atlas space during a transition. With {@code --preview} the quick
 * preview the plug-in shows first is trained instead, at the address the host looks it up.
 */
final class ClipStylizer {
  private static final Logger LOG = LoggerFactory.getLogger(ClipStylizer.class);

  private final ContentCache cache;

  ClipStylizer(ContentCache cache) {
    this.cache = cache;
  }

  StylizeOutcome run(
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
    EditableScene scene = clip.scene();
    Optional<PromptTrack> track = request.track();
    track.ifPresent(t -> checkFrames(t, request.prompts().get(), scene.frameCount()));
    Optional<Frame> styleImage = request.styleImage().map(Studio::readImage);
    List<StyleTarget> targets =
        track
            .map(t -> t.prompts().stream().map(p -> new StyleTarget(p, null, styleImage)).toList())
            .orElseGet(
                () ->
                    List.of(new StyleTarget(request.prompt(), request.localPrompt(), styleImage)));
    RenderSettings settings = render.resolve(scene.width(), scene.height());
    RenderJob.check(out, settings);
    StylizeConfig full = request.flags().resolve(scene);
    StylizeConfig config = request.preview() ? request.flags().resolvePreview(scene) : full;
    List<Stylization> looks = new ArrayList<>();
    try (ClipModel model = request.clipModel().open(progress)) {
      boolean structure = request.flags().structure();
      if (structure && !model.hasImageTokens()) {
        throw new InputException(
            "--structure: "
                + model.file()
                + " exposes no ViT image tokens; convert the model"
                + " with scripts/make-clip-fixture.py --convert-openai, or drop --structure");
      }
      Optional<StructureLoss> structureLoss =
          structure
              ? Optional.of(
                  new StructureLoss(model::encodeImageTokens, scene.atlases().foreground()))
              : Optional.empty();
      for (StyleTarget target : targets) {
        looks.add(
            ensureStylization(
                clip,
                target,
                full,
                config,
                request.preview(),
                model,
                structureLoss,
                progress,
                cancellation));
      }
    }
    if (exportAtlas.isPresent()) {
      AtlasFiles.write(looks.get(0).result().foreground(), exportAtlas.get());
    }
    Map<String, AtlasSet> sets = new HashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      sets.put(targets.get(i).globalText(), looks.get(i).result().applyTo(scene.atlases()));
    }
    IntFunction<AtlasSet> atlases =
        track.isPresent()
            ? new TrackAtlases(track.get(), sets)
            : t -> sets.get(targets.get(0).globalText());
    double renderSeconds = clip.render(atlases, settings, out, progress);
    String base = baseName(out);
    Path reportFile = report.orElse(out.resolveSibling(base + ".json"));
    Path plot = null;
    for (int i = 0; i < looks.size(); i++) {
      Path file = i == 0 ? reportFile : numbered(reportFile, i + 1);
      Path lossPlot =
          writeReport(
              looks.get(i),
              targets.get(i),
              file,
              request,
              scene,
              config,
              clipDescription,
              decomposeSeconds,
              renderSeconds);
      plot = i == 0 ? lossPlot : plot;
    }
    boolean cached = looks.stream().noneMatch(Stylization::computed);
    LOG.info("wrote {}, {} and {}", out, reportFile, plot);
    return new StylizeOutcome(
        scene.frameCount(), out, settings.mode().cliName(), reportFile, plot, cached);
  }

  /** Writes one look's JSON report and its loss plot beside it; returns the plot. */
  private static Path writeReport(
      Stylization look,
      StyleTarget target,
      Path file,
      StylizeRequest request,
      EditableScene scene,
      StylizeConfig config,
      String clipDescription,
      double decomposeSeconds,
      double renderSeconds)
      throws IOException {
    StylizationResult result = look.result();
    boolean ran = look.computed();
    new StylizeReport(
            clipDescription,
            scene.frameCount(),
            scene.width(),
            scene.height(),
            target.globalText(),
            target.localText(),
            request.styleImage().map(Path::toString).orElse(""),
            request.clipModel().model(),
            config.toString(),
            !ran,
            decomposeSeconds,
            ran ? result.seconds() : 0,
            renderSeconds,
            result.iterationsPerSecond(),
            result.history())
        .write(file);
    String name = file.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    Path plot = file.resolveSibling(stem + "-losses.png");
    LossPlot.write(result.history(), plot);
    return plot;
  }

  /** {@code out.json} → {@code out-2.json}: the report of a track's second prompt. */
  private static Path numbered(Path report, int n) {
    String name = report.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return report.resolveSibling(
        dot < 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot));
  }

  /** A key at or beyond the clip's end is an input error naming the file and the key. */
  private static void checkFrames(PromptTrack track, Path file, int frames) {
    for (int i = 0; i < track.keys().size(); i++) {
      PromptTrack.Key k = track.keys().get(i);
      if (k.frame() >= frames) {
        throw new InputException(
            file
                + ": prompts: key "
                + (i + 1)
                + " (frame "
                + k.frame()
                + "): the clip has "
                + frames
                + " frames (0.."
                + (frames - 1)
                + ")");
      }
    }
  }

  /**
   * The atlases of frame t on a prompt track: the key's look, or the morph between two looks in
   * atlas space ({@link AtlasSet#morphTo}); the same instance for consecutive frames of one look.
   */
  private static final class TrackAtlases implements IntFunction<AtlasSet> {
    private final PromptTrack track;
    private final Map<String, AtlasSet> looks;
    private PromptTrack.Mix last;
    private AtlasSet lastSet;

    TrackAtlases(PromptTrack track, Map<String, AtlasSet> looks) {
      this.track = track;
      this.looks = looks;
    }

    @Override
    public AtlasSet apply(int t) {
      PromptTrack.Mix mix = track.at(t);
      if (!mix.equals(last)) {
        last = mix;
        lastSet = looks.get(mix.from()).morphTo(looks.get(mix.to()), (float) mix.amount());
      }
      return lastSet;
    }
  }

  /**
   * The stylization of a prepared clip: found in the cache, else fine-tuned here (checkpointing to
   * {@code <cache>/work/<key hash>/checkpoint.bin}, so an interrupted call resumes) and stored.
   */
  private Stylization ensureStylization(
      PreparedClip clip,
      StyleTarget target,
      StylizeConfig full,
      StylizeConfig config,
      boolean preview,
      ClipModel model,
      Optional<StructureLoss> structure,
      ProgressSink progress,
      Cancellation cancellation)
      throws IOException {
    EditableScene scene = clip.scene();
    CacheKey decomposition =
        clip.decomposition() != null
            ? clip.decomposition()
            : new ContentHasher().putString(scene.identity()).key(ArtifactKeys.DECOMPOSITION);
    CacheKey stylized =
        ArtifactRecipe.stylized(decomposition, ClipModels.identityOf(model.file()), target, full);
    // A preview lives at the full result's hash under its own kind, where the host looks for it.
    CacheKey key =
        preview ? new CacheKey(ArtifactKeys.STYLIZED_PREVIEW, stylized.hash()) : stylized;
    Path checkpoint =
        cache
            .root()
            .resolve("work")
            .resolve(key.hash())
            .resolve(preview ? "preview-checkpoint.bin" : "checkpoint.bin");
    boolean[] ran = {false};
    StylizationResult result =
        new StylizedAtlasCache(cache)
            .getOrRun(
                key,
                scene,
                () -> {
                  ran[0] = true;
                  return new EditingAtlasTrainer(config, structure)
                      .run(
                          scene,
                          model,
                          target,
                          progress,
                          cancellation::isCancelled,
                          Optional.of(checkpoint));
                });
    return new Stylization(key, result, ran[0]);
  }

  /**
   * The output's file name without a video extension: {@code out.mp4} and {@code out/} give {@code
   * out}.
   */
  static String baseName(Path out) {
    String name = out.getFileName().toString();
    OutputFormat format = OutputFormat.forPath(out);
    boolean video = format == OutputFormat.H264_MP4 || format == OutputFormat.PRORES_4444_MOV;
    return video ? name.substring(0, name.lastIndexOf('.')) : name;
  }
}
