package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.runtime.Cancellation;
import org.styleatlas.engine.runtime.ProgressSink;
import org.styleatlas.engine.studio.ClipFiles;
import org.styleatlas.engine.studio.PreparedClip;
import org.styleatlas.engine.studio.RenderRequest;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.engine.studio.StyleFlags;
import org.styleatlas.engine.studio.StylizeOutcome;
import org.styleatlas.engine.studio.StylizeRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas stylize}: parses the flags and shows progress; the {@link Studio} recognises
 * and decomposes the clip (cached), fine-tunes the editing atlas from a prompt (cached by prompt,
 * settings and CLIP model, at the address the host looks up), renders the clip, and writes a JSON
 * report and a loss plot.
 */
@Command(
    name = "stylize",
    description = "Stylize the clip's object from a text prompt (and/or a style image).")
final class StylizeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClipInput clipInput = new ClipInput();

  @Option(names = "--prompt", paramLabel = "TEXT", description = "The global target text T_Global.")
  String prompt;

  @Option(
      names = "--prompts",
      paramLabel = "KEYS.json",
      description =
          "Prompts over time instead of --prompt:"
              + " {\"keys\":[{\"frame\":0,\"prompt\":\"…\"},{\"frame\":20,\"prompt\":\"…\",\"transition\":10}]};"
              + " each prompt is trained and the look blends from one key to the next over"
              + " 'transition' frames, in atlas space.")
  Path prompts;

  @Option(
      names = "--preview",
      description =
          "Train the quick preview the plug-in shows first (a draft on a subset of frames with"
              + " small views, about a minute of CPU) instead of the full stylization.")
  boolean preview;

  @Option(
      names = "--local",
      paramLabel = "TEXT",
      description = "The local target text T_Local (default: the prompt).")
  String local;

  @Option(
      names = "--style-image",
      paramLabel = "FILE",
      description = "A style reference image (instead of or with the prompt).")
  Path styleImage;

  @Mixin ClipCommand.ClipModelOption clipModel;

  @Option(
      names = "--preset",
      paramLabel = "P",
      description = "draft, standard or final (default: ${DEFAULT-VALUE}).")
  String preset = "standard";

  @Option(
      names = "--atlas-mode",
      paramLabel = "M",
      description =
          "faithful (fine-tune the atlas MLP, as the paper) or fast (multi-resolution texture). Default: the preset's.")
  String atlasMode;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Fine-tuning iterations (default: the preset's).")
  Integer iterations;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      description = "Initial learning rate (default: the atlas mode's).")
  Double learningRate;

  @Option(
      names = "--views",
      paramLabel = "G,L",
      split = ",",
      description = "Global and local views per frame (default: the preset's).")
  List<Integer> views;

  @Option(
      names = "--view-size",
      paramLabel = "PX",
      description = "Side at which views are rendered before CLIP's resize.")
  Integer viewSize;

  @Option(
      names = "--prefixes",
      paramLabel = "N",
      description = "Prompt prefixes from the paper's list: 0, 4 or 8 (default 8).")
  Integer prefixes;

  @Option(
      names = "--text2live-prefixes",
      description = "Sample Text2LIVE's 14 templates instead of the paper's prefixes.")
  boolean text2livePrefixes;

  @Option(
      names = "--no-loss",
      paramLabel = "TERM",
      split = ",",
      description = "Switch loss terms off: global, local, temporal, sparsity.")
  List<String> disabled = new ArrayList<>();

  @Option(
      names = "--lambda-temporal",
      paramLabel = "W",
      description = "Weight of the temporal term.")
  Double lambdaTemporal;

  @Option(
      names = "--lambda-sparsity",
      paramLabel = "W",
      description = "Weight of the sparsity term.")
  Double lambdaSparsity;

  @Option(
      names = "--structure",
      description = "Add Text2LIVE's structure loss (needs a model with image tokens).")
  boolean structure;

  @Option(
      names = "--stylize-background",
      description = "Fine-tune the background atlas too, for whole-scene style.")
  boolean stylizeBackground;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of frames, views and prefixes (default 0).")
  long seed;

  @Mixin RenderOptions render = new RenderOptions();

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "JSON report (default: OUT without .mp4/.mov, plus '.json'; the loss plot beside it).")
  Path report;

  @Option(
      names = "--export-atlas",
      paramLabel = "PNG",
      description = "Also write the stylized foreground atlas as a PNG.")
  Path exportAtlas;

  @Override
  public Integer call() throws Exception {
    Studio studio = render.studio();
    Cancellation cancellation = Cancellation.none();
    StylizeRequest request =
        new StylizeRequest(
            prompt,
            local,
            Optional.ofNullable(styleImage),
            flags(),
            clipModel.choice(),
            Optional.ofNullable(prompts),
            preview);
    request.warnings().forEach(spec.commandLine().getErr()::println);
    spec.commandLine().getErr().flush();
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
      long t0 = System.nanoTime();
      StylizeOutcome done;
      try (PreparedClip clip =
          InterruptGuard.run(
              cancellation,
              InterruptGuard.DEFAULT_GRACE,
              progress,
              () -> clipInput.prepare(studio, progress, cancellation))) {
        double decomposeSeconds = (System.nanoTime() - t0) / 1e9;
        done =
            InterruptGuard.run(
                cancellation,
                InterruptGuard.DEFAULT_GRACE,
                progress,
                () ->
                    studio.stylizeClip(
                        clip,
                        request,
                        render.request(),
                        render.output("stylized"),
                        Optional.ofNullable(report),
                        Optional.ofNullable(exportAtlas),
                        clipInput.describe(),
                        decomposeSeconds,
                        progress,
                        cancellation));
      }
      progress.close();
      spec.commandLine()
          .getOut()
          .printf(
              "stylized %d frames%s -> %s (%s); report %s; loss plot %s%n",
              done.frames(),
              preview ? " (preview)" : "",
              done.out(),
              done.mode(),
              done.report(),
              done.lossPlot());
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  private StyleFlags flags() {
    return new StyleFlags(
        preset,
        atlasMode,
        iterations,
        learningRate,
        views,
        viewSize,
        prefixes,
        text2livePrefixes,
        disabled,
        lambdaTemporal,
        lambdaSparsity,
        structure,
        stylizeBackground,
        seed);
  }

  /** The clip operand and its matte, shared by {@code stylize} and {@code render}. */
  static final class ClipInput {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "INPUT",
        description = "A folder of frames or a video file. Without it: the embedded demo clip.")
    Path input;

    @Option(
        names = "--matte",
        paramLabel = "M",
        description = "A folder of PNG masks or a matte video.")
    Path matte;

    @Mixin BoxOption box = new BoxOption();

    @Option(
        names = "--long-edge",
        paramLabel = "PX",
        description =
            "Working resolution: the clip's longer side"
                + " (default: the engine's, styleatlas.pipeline.longEdge, 512 as the host; 0 keeps the source size).")
    Integer longEdge;

    @Option(
        names = "--allow-upscale",
        description = "Enlarge a clip smaller than --long-edge to it (default: never enlarge).")
    boolean allowUpscale;

    @Option(
        names = "--decomposition",
        paramLabel = "fast|faithful",
        description =
            "Decomposition preset for a clip"
                + " file (default: the engine's styleatlas.pipeline.* settings, fast, as the host).")
    String decomposition;

    /** The recognised and decomposed clip (decomposing through the studio's cache when needed). */
    PreparedClip prepare(Studio studio, ProgressSink progress) throws IOException {
      return prepare(studio, progress, Cancellation.none());
    }

    /**
     * The same, with a decomposition that stops at its next step (keeping its checkpoint) when
     * cancelled.
     */
    PreparedClip prepare(Studio studio, ProgressSink progress, Cancellation cancellation)
        throws IOException {
      Optional<ClipFiles> files =
          input == null
              ? Optional.empty()
              : Optional.of(
                  ClipFiles.of(
                          input,
                          Optional.ofNullable(matte),
                          Optional.ofNullable(longEdge),
                          Optional.ofNullable(decomposition),
                          box.box())
                      .withAllowUpscale(allowUpscale));
      return studio.prepare(files, progress, cancellation);
    }

    String describe() {
      return input == null ? "embedded demo clip" : input.toString();
    }
  }

  /** Output options shared by {@code stylize} and {@code render}. */
  static final class RenderOptions {
    @Option(
        names = "--output-mode",
        paramLabel = "MODE",
        description = "composite (default), reconstruction, foreground-layer, matte or original.")
    String outputMode = "composite";

    @Option(
        names = "--strength",
        paramLabel = "S",
        description = "Blend of stylized and original foreground colour, 0..1 (default 1).")
    float strength = 1f;

    @Option(
        names = "--detail",
        paramLabel = "K",
        description =
            "How much of the source's own detail a composite keeps over the object, 0..1 (default 0:"
                + " the atlas colour; 1: the source plus the stylization's change, so ripples and fine"
                + " texture the atlas cannot hold stay).")
    float detail = 0f;

    @Option(
        names = "--size",
        paramLabel = "WxH",
        description = "Output size (default: the working size); any size.")
    String size;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "Render threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
        names = "--out",
        paramLabel = "PATH",
        description =
            "A PNG folder, an H.264 video (.mp4; odd sizes cropped to even) or a ProRes 4444 video (.mov; with alpha in foreground-layer mode).")
    Path out;

    @Mixin CacheOption cache = new CacheOption();

    /** The studio on the cache folder ({@link CacheOption#studio}). */
    Studio studio() {
      return cache.studio();
    }

    Path output(String fallback) {
      return out != null ? out : Path.of(fallback);
    }

    RenderRequest request() {
      return new RenderRequest(outputMode, strength, Optional.ofNullable(size), threads, detail);
    }
  }
}
