package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.studio.params.EffectParam;
import org.styleatlas.engine.pipeline.StylizeOptions;
import org.styleatlas.engine.render.AtlasFiles;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.ClipRenderer;
import org.styleatlas.engine.render.OutputMode;
import org.styleatlas.engine.render.RenderJob;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.stylize.EditingAtlasTrainer;
import org.styleatlas.engine.stylize.LossPlot;
import org.styleatlas.engine.stylize.PromptTrack;
import org.styleatlas.engine.stylize.StylizationResult;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.StylizeReport;
import org.styleatlas.engine.stylize.StylizedAtlasCache;
import org.styleatlas.engine.stylize.atlas.AtlasMode;
import org.styleatlas.engine.stylize.loss.PromptPrefixes;
import org.styleatlas.engine.stylize.loss.StructureLoss;
import org.styleatlas.engine.stylize.loss.StyleTarget;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.video.ClipRequest;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.FrameSize;
import org.styleatlas.engine.video.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas stylize}: decompose (cached), fine-tune the editing atlas from a prompt (cached by
 * prompt and settings), render the clip, and write a JSON report and a loss plot.
 */
@Command(name = "stylize", description = "Stylize the clip's object from a text prompt (and/or a style image).")
final class StylizeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StylizeCommand.class);

  @Spec CommandSpec spec;

  @Mixin ClipInput clipInput = new ClipInput();

  @Option(names = "--prompt", paramLabel = "TEXT", description = "The global target text T_Global.")
  String prompt;

  @Option(names = "--prompts", paramLabel = "FILE", description = "Prompts over time instead of --prompt: a JSON file"
      + " {\"keys\":[{\"frame\":0,\"prompt\":\"…\"},{\"frame\":20,\"prompt\":\"…\",\"transition\":10}]}; from each key's"
      + " frame the look blends into its prompt over 'transition' frames (in atlas space). Every prompt is trained,"
      + " the earliest first.")
  Path prompts;

  @Option(names = "--local", paramLabel = "TEXT", description = "The local target text T_Local (default: the prompt).")
  String local;

  @Option(names = "--style-image", paramLabel = "FILE", description = "A style reference image (instead of or with the prompt).")
  Path styleImage;

  @Mixin ClipCommand.ClipModelOption clipModel;

  @Option(names = "--preset", paramLabel = "P", description = "draft, standard or final (default: ${DEFAULT-VALUE}).")
  String preset = "standard";

  @Option(names = "--preview", description = "The quick preview the plug-in shows first (fast atlas, "
      + StylizeOptions.PREVIEW_ITERATIONS + " iterations of one frame, 1 + 1 views at " + StylizeOptions.PREVIEW_VIEW_SIZE
      + " px, no temporal term) instead of --preset/--iterations/--views/--view-size.")
  boolean preview;

  @Option(names = "--atlas-mode", paramLabel = "M", description = "faithful (fine-tune the atlas MLP, as the paper) or fast (multi-resolution texture). Default: the preset's.")
  String atlasMode;

  @Option(names = "--iterations", paramLabel = "N", description = "Fine-tuning iterations (default: the preset's).")
  Integer iterations;

  @Option(names = "--lr", paramLabel = "RATE", description = "Initial learning rate (default: the atlas mode's).")
  Double learningRate;

  @Option(names = "--views", paramLabel = "G,L", split = ",", description = "Global and local views per frame (default: the preset's).")
  List<Integer> views;

  @Option(names = "--view-size", paramLabel = "PX", description = "Side at which views are rendered before CLIP's resize.")
  Integer viewSize;

  @Option(names = "--prefixes", paramLabel = "N", description = "Prompt prefixes from the paper's list: 0, 4 or 8 (default 8).")
  Integer prefixes;

  @Option(names = "--text2live-prefixes", description = "Sample Text2LIVE's 14 templates instead of the paper's prefixes.")
  boolean text2livePrefixes;

  @Option(names = "--no-loss", paramLabel = "TERM", split = ",", description = "Switch loss terms off: global, local, temporal, sparsity.")
  List<String> disabled = new ArrayList<>();

  @Option(names = "--lambda-temporal", paramLabel = "W", description = "Weight of the temporal term.")
  Double lambdaTemporal;

  @Option(names = "--lambda-sparsity", paramLabel = "W", description = "Weight of the sparsity term.")
  Double lambdaSparsity;

  @Option(names = "--structure", description = "Add Text2LIVE's structure loss (needs a model with image tokens).")
  boolean structure;

  @Option(names = "--stylize-background", description = "Fine-tune the background atlas too, for whole-scene style.")
  boolean stylizeBackground;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of frames, views and prefixes (default 0).")
  long seed;

  @Mixin RenderOptions render = new RenderOptions();

  @Option(names = "--report", paramLabel = "FILE", description = "JSON report (default: OUT without .mp4/.mov, plus '.json'; the loss plot beside it).")
  Path report;

  @Option(names = "--export-atlas", paramLabel = "PNG", description = "Also write the stylized foreground atlas as a PNG.")
  Path exportAtlas;

  @Override
  public Integer call() throws Exception {
    DjlRuntime.forceOffline();
    if (prompts != null && prompt != null) {
      throw new InputException("--prompts: give either --prompt or --prompts, not both");
    }
    Optional<PromptTrack> track = Optional.ofNullable(prompts).map(PromptTrack::read);
    Optional<Frame> style = Optional.ofNullable(styleImage).map(RenderOptions::readImage);
    List<StyleTarget> targets = track.isEmpty() ? List.of(new StyleTarget(prompt, local, style))
        : track.get().prompts().stream().map(p -> new StyleTarget(p, local, style)).toList();
    ContentCache cache = render.cache();
    Cancellation cancellation = Cancellation.none();
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
      long t0 = System.nanoTime();
      try (EditableScene scene = InterruptGuard.run(cancellation, InterruptGuard.DEFAULT_GRACE,
          progress, () -> clipInput.scene(cache, progress, cancellation))) {
        run(scene, targets, track, cache, progress, (System.nanoTime() - t0) / 1e9, cancellation);
      }
    }
    return ExitCodes.OK;
  }

  /** One prompt's fine-tuned atlases, and whether they were computed now (not found in the cache). */
  private record Look(StyleTarget target, StylizationResult result, boolean ran) {}

  /**
   * Fine-tunes every target (or finds it in the cache), renders (morphing along {@code track} when given)
   * and reports; Ctrl-C and SIGTERM set {@code cancellation}.
   */
  private void run(EditableScene scene, List<StyleTarget> targets, Optional<PromptTrack> track, ContentCache cache,
      TerminalProgress progress, double decomposeSeconds, Cancellation cancellation) throws Exception {
    Path out = render.output("stylized");
    RenderSettings settings = render.settings(scene);
    RenderJob.check(out, settings);
    StylizeConfig config = config(scene);
    Map<String, Look> looks = new LinkedHashMap<>();
    try (ClipModel clip = clipModel.open(spec.commandLine().getErr())) {
      Optional<StructureLoss> structureLoss = structure
          ? Optional.of(new StructureLoss(clip::encodeImageTokens, scene.atlases().foreground()))
          : Optional.empty();
      if (structure && !clip.hasImageTokens()) {
        throw new InputException("--structure: " + clip.file() + " exposes no ViT image tokens; convert the model"
            + " with scripts/make-clip-fixture.py --convert-openai, or drop --structure");
      }
      for (StyleTarget target : targets) {
        looks.put(target.globalText(), stylize(scene, target, config, clip, structureLoss, cache, progress,
            cancellation));
      }
    }
    Look first = looks.values().iterator().next();
    if (exportAtlas != null) {
      AtlasFiles.write(first.result().foreground(), exportAtlas);
    }
    AtlasSet original = scene.atlases();
    Map<String, AtlasSet> sets = new LinkedHashMap<>();
    looks.forEach((p, look) -> sets.put(p, look.result().applyTo(original)));
    IntFunction<AtlasSet> atlasesAt = track.isEmpty() ? t -> sets.get(first.target().globalText()) : t -> {
      PromptTrack.Mix mix = track.get().at(t);
      return sets.get(mix.from()).morphTo(sets.get(mix.to()), (float) mix.amount());
    };
    double renderSeconds = RenderJob.write(new ClipRenderer(scene.maps(), atlasesAt), scene::frame,
        settings, scene.fps(), out, progress);
    String base = RenderOptions.baseName(out);
    List<Path> written = new ArrayList<>();
    int n = 0;
    for (Look look : looks.values()) {
      String suffix = looks.size() == 1 ? "" : "-prompt" + ++n;
      Path reportFile = reportFile(out, base, suffix);
      StylizationResult result = look.result();
      new StylizeReport(clipInput.describe(), scene.frameCount(), scene.width(), scene.height(),
          look.target().globalText(), look.target().localText(), styleImage == null ? "" : styleImage.toString(),
          clipModel.model, config.toString(), !look.ran(), decomposeSeconds, look.ran() ? result.seconds() : 0,
          renderSeconds, result.iterationsPerSecond(), result.history()).write(reportFile);
      Path plot = reportFile.resolveSibling(base + suffix + "-losses.png");
      LossPlot.write(result.history(), plot);
      written.add(reportFile);
      written.add(plot);
    }
    LOG.info("wrote {} and {}", out, written);
    progress.close();
    spec.commandLine().getOut().printf("stylized %d frames -> %s (%s, %d prompt%s); reports and loss plots %s%n",
        scene.frameCount(), out, settings.mode().cliName(), looks.size(), looks.size() == 1 ? "" : "s", written);
    spec.commandLine().getOut().flush();
  }

  /**
   * The JSON report of one prompt: {@code --report} (or {@code OUT.json}), with {@code -promptN} before
   * {@code .json} when several prompts were stylized.
   */
  private Path reportFile(Path out, String base, String suffix) {
    if (report == null) {
      return out.resolveSibling(base + suffix + ".json");
    }
    if (suffix.isEmpty()) {
      return report;
    }
    String name = report.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return report.resolveSibling(stem + suffix + ".json");
  }

  /** Fine-tunes the editing atlas towards {@code target}, or finds it in the cache. */
  private Look stylize(EditableScene scene, StyleTarget target, StylizeConfig config, ClipModel clip,
      Optional<StructureLoss> structureLoss, ContentCache cache, TerminalProgress progress, Cancellation cancellation)
      throws Exception {
    CacheKey key = StylizedAtlasCache.key(scene.identity(), clip.file().getFileName() + ":"
        + clip.file().toFile().length(), target, config);
    Path checkpoint = checkpointFile(cache, key);
    boolean[] ran = {false};
    StylizationResult result = InterruptGuard.run(cancellation, InterruptGuard.DEFAULT_GRACE, progress,
        () -> new StylizedAtlasCache(cache).getOrRun(key, scene, () -> {
          ran[0] = true;
          return new EditingAtlasTrainer(config, structureLoss).run(scene, clip, target, progress,
              cancellation::isCancelled, Optional.of(checkpoint));
        }));
    return new Look(target, result, ran[0]);
  }

  /**
   * Where fine-tuning towards the stylized atlas {@code key} checkpoints: {@code <cache>/work/<key hash>/},
   * as decomposition does, so the same command resumes an interrupted run.
   */
  static Path checkpointFile(ContentCache cache, CacheKey key) {
    return cache.root().resolve("work").resolve(key.hash()).resolve("checkpoint.bin");
  }

  private StylizeConfig config(EditableScene scene) {
    require(iterations == null || iterations >= 1, "--iterations: must be at least 1");
    require(learningRate == null || learningRate > 0 && learningRate < 1, "--lr: must be in (0, 1)");
    require(views == null || views.size() == 2 && views.get(0) >= 0 && views.get(1) >= 0
        && views.get(0) + views.get(1) > 0, "--views: give G,L with G + L ≥ 1");
    require(viewSize == null || viewSize >= 8 && viewSize <= 1024, "--view-size: must be in 8..1024");
    Integer prefixCount = prefixes == null && text2livePrefixes ? Integer.valueOf(8) : prefixes;
    require(prefixCount == null || EffectParam.PREFIXES.wireIntegers().contains(prefixCount),
        "--prefixes: must be one of " + EffectParam.PREFIXES.wireIntegers());
    if (lambdaTemporal != null) {
      EffectParam.LAMBDA_TEMPORAL.check("--lambda-temporal", lambdaTemporal);
    }
    if (lambdaSparsity != null) {
      EffectParam.LAMBDA_SPARSITY.check("--lambda-sparsity", lambdaSparsity);
    }
    Set<StylizeLossTerm> off = EnumSet.noneOf(StylizeLossTerm.class);
    disabled.forEach(d -> off.add(StylizeLossTerm.parse(d)));
    StylizeOptions options = new StylizeOptions(StylizeConfig.Preset.parse(preset), atlasMode == null ? null : AtlasMode.parse(atlasMode),
        iterations, learningRate, seed, views == null ? null : views.get(0), views == null ? null : views.get(1),
        viewSize, text2livePrefixes ? PromptPrefixes.Source.TEXT2LIVE : PromptPrefixes.Source.PAPER, prefixCount,
        null, null, lambdaTemporal, lambdaSparsity, off, structure, stylizeBackground);
    return preview ? options.preview(scene) : options.resolve(scene);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new InputException(message);
    }
  }


  /** The clip operand and its matte, shared by {@code stylize} and {@code render}. */
  static final class ClipInput {
    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
        description = "A folder of frames or a video file. Without it: the embedded demo clip.")
    Path input;

    @Option(names = "--matte", paramLabel = "M", description = "A folder of PNG masks or a matte video.")
    Path matte;

    @Option(names = "--long-edge", paramLabel = "PX", description = "Working resolution: the clip's longer side (default: ${DEFAULT-VALUE}; 0 keeps the source size).")
    int longEdge = ClipRequest.DEFAULT_LONG_EDGE;

    @Option(names = "--decomposition", paramLabel = "fast|faithful", description = "Decomposition preset for a clip file (default: ${DEFAULT-VALUE}).")
    String decomposition = "fast";

    /** The decomposed scene (decomposing through the cache when needed). */
    EditableScene scene(ContentCache cache, ProgressSink progress) throws IOException {
      return scene(cache, progress, Cancellation.none());
    }

    /** The same, with a decomposition that stops at its next step (keeping its checkpoint) when cancelled. */
    EditableScene scene(ContentCache cache, ProgressSink progress, Cancellation cancellation) throws IOException {
      if (longEdge < 0) {
        throw new InputException("--long-edge: must be 0 or positive, got " + longEdge);
      }
      return Scenes.open(Optional.ofNullable(input), Optional.ofNullable(matte), longEdge,
          DecompositionConfig.of(decomposition), cache, progress, cancellation);
    }

    String describe() {
      return input == null ? "embedded demo clip" : input.toString();
    }
  }

  /** Output options shared by {@code stylize} and {@code render}. */
  static final class RenderOptions {
    @Option(names = "--output-mode", paramLabel = "MODE",
        description = "composite (default), reconstruction, foreground-layer, matte or original.")
    String outputMode = OutputMode.COMPOSITE.cliName();

    @Option(names = "--strength", paramLabel = "S", description = "Blend of stylized and original foreground colour, 0..1 (default 1).")
    float strength = 1f;

    @Option(names = "--size", paramLabel = "WxH", description = "Output size (default: the working size); any size.")
    String size;

    @Option(names = "--threads", paramLabel = "N", description = "Render threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "PATH", description = "A PNG folder, an H.264 video (.mp4; odd sizes cropped to even) or a ProRes 4444 video (.mov; with alpha in foreground-layer mode).")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: ~/.cache/styleatlas).")
    Path cacheDir;

    ContentCache cache() {
      return new ContentCache(cacheDir != null ? cacheDir : ContentCache.defaultRoot(), 20L << 30);
    }

    Path output(String fallback) {
      return out != null ? out : Path.of(fallback);
    }

    /** The output's file name without a video extension: {@code out.mp4} and {@code out/} give {@code out}. */
    static String baseName(Path out) {
      String name = out.getFileName().toString();
      OutputFormat format = OutputFormat.forPath(out);
      boolean video = format == OutputFormat.H264_MP4 || format == OutputFormat.PRORES_4444_MOV;
      return video ? name.substring(0, name.lastIndexOf('.')) : name;
    }

    RenderSettings settings(EditableScene scene) {
      int w = scene.width();
      int h = scene.height();
      if (size != null) {
        FrameSize parsed = parseSize("--size", size);
        w = parsed.width();
        h = parsed.height();
      }
      EffectParam.STRENGTH.check("--strength", strength);
      if (threads < 1) {
        throw new InputException("--threads: must be at least 1, got " + threads);
      }
      return new RenderSettings(OutputMode.parse(outputMode), strength, w, h, threads);
    }

    /** Parses {@code WIDTHxHEIGHT}; anything else is an {@link InputException} naming {@code option}. */
    static FrameSize parseSize(String option, String text) {
      String[] p = text.toLowerCase(java.util.Locale.ROOT).split("x");
      try {
        return new FrameSize(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
      } catch (RuntimeException e) {
        throw new InputException(option + ": expected WIDTHxHEIGHT such as 1920x1080, got '" + text + "'");
      }
    }

    static Frame readImage(Path file) {
      return AtlasFiles.read(file, 0, 0).toFrame();
    }
  }
}
