package org.styleatlas.engine.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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
import org.styleatlas.engine.render.ClipRenderer;
import org.styleatlas.engine.render.RenderJob;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.EditingAtlasTrainer;
import org.styleatlas.engine.stylize.LossPlot;
import org.styleatlas.engine.stylize.StylizationResult;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.StylizeReport;
import org.styleatlas.engine.stylize.StylizedAtlasCache;
import org.styleatlas.engine.stylize.loss.StructureLoss;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.video.OutputFormat;

/**
 * {@link Studio#stylizeClip}: the CLI's stylization of a prepared clip, end to end (fine-tune or
 * find, render, report, loss plot).
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
    StyleTarget target =
        new StyleTarget(
            request.prompt(), request.localPrompt(), request.styleImage().map(Studio::readImage));
    RenderSettings settings = render.resolve(scene.width(), scene.height());
    RenderJob.check(out, settings);
    StylizeConfig config = request.flags().resolve(scene);
    Stylization stylization;
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
      stylization =
          ensureStylization(clip, target, config, model, structureLoss, progress, cancellation);
    }
    StylizationResult result = stylization.result();
    boolean ran = stylization.computed();
    if (exportAtlas.isPresent()) {
      AtlasFiles.write(result.foreground(), exportAtlas.get());
    }
    double renderSeconds;
    try (PreparedClip.Originals originals = clip.originals()) {
      renderSeconds =
          RenderJob.write(
              new ClipRenderer(scene.maps(), result.applyTo(scene.atlases())),
              originals,
              settings,
              scene.fps(),
              out,
              progress);
    }
    String base = baseName(out);
    Path reportFile = report.orElse(out.resolveSibling(base + ".json"));
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
        .write(reportFile);
    Path plot = reportFile.resolveSibling(base + "-losses.png");
    LossPlot.write(result.history(), plot);
    LOG.info("wrote {}, {} and {}", out, reportFile, plot);
    return new StylizeOutcome(
        scene.frameCount(), out, settings.mode().cliName(), reportFile, plot, !ran);
  }

  /**
   * The stylization of a prepared clip: found in the cache, else fine-tuned here (checkpointing to
   * {@code <cache>/work/<key hash>/checkpoint.bin}, so an interrupted call resumes) and stored.
   */
  private Stylization ensureStylization(
      PreparedClip clip,
      StyleTarget target,
      StylizeConfig config,
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
    CacheKey key =
        ArtifactRecipe.stylized(decomposition, ClipModels.identityOf(model.file()), target, config);
    Path checkpoint = cache.root().resolve("work").resolve(key.hash()).resolve("checkpoint.bin");
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
