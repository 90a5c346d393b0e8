package org.styleatlas.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.clipmodel.ClipModelProbe;
import org.styleatlas.engine.clipmodel.ClipModels;
import org.styleatlas.engine.clipmodel.ClipTokenizer;
import org.styleatlas.engine.clipmodel.KnownClipModel;
import org.styleatlas.engine.clipmodel.TokenizedPrompt;
import org.styleatlas.engine.studio.ClipModelChoice;
import org.styleatlas.engine.studio.PromptLength;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code styleatlas clip}: CLIP utilities for debugging prompts and model files. */
@Command(name = "clip", description = "CLIP utilities: tokenize a prompt, check or benchmark a model file.",
    subcommands = {ClipCommand.Tokenize.class, ClipCommand.Check.class, ClipCommand.Bench.class})
final class ClipCommand {

  /**
   * {@code --clip-model NAME|FILE}, {@code --device} and {@code --models-dir}: mix into every command that needs
   * CLIP ({@code @Mixin ClipCommand.ClipModelOption clip;}), then {@link #open}.
   */
  static final class ClipModelOption {
    @Option(names = "--clip-model", paramLabel = "NAME|FILE", defaultValue = KnownClipModel.DEFAULT_NAME,
        description = "A model name from 'styleatlas models list' or a TorchScript file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N", defaultValue = "auto",
        description = "Where CLIP runs; auto picks the first GPU when there is one (default: ${DEFAULT-VALUE}).")
    String device;

    @Mixin ModelsCommand.ModelsDirOption dir;

    /** The model, device and models directory as the studio takes them. */
    ClipModelChoice choice() {
      return new ClipModelChoice(model, device, java.util.Optional.ofNullable(dir.modelsDir));
    }

    ClipModel open(PrintWriter err) {
      try (TerminalProgress progress = TerminalProgress.mebibytes(err)) {
        return ClipModels.open(model, ClipModels.device(device), dir.store(), progress);
      }
    }
  }

  /** {@code styleatlas clip tokenize TEXT}. */
  @Command(name = "tokenize", description = "Print the CLIP token ids of a prompt; warns when it is truncated.")
  static final class Tokenize implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The prompt (several words are joined by spaces).")
    List<String> words;

    @Override
    public Integer call() {
      TokenizedPrompt prompt = ClipTokenizer.shared().tokenize(String.join(" ", words));
      PrintWriter out = spec.commandLine().getOut();
      out.println(Arrays.stream(prompt.usedIds()).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
      out.printf("%d of %d tokens%n", prompt.length(), ClipTokenizer.CONTEXT_LENGTH);
      out.flush();
      PromptLength.warning("the prompt", prompt.text()).ifPresent(w -> {
        spec.commandLine().getErr().println(w);
        spec.commandLine().getErr().flush();
      });
      return ExitCodes.OK;
    }
  }

  /** {@code styleatlas clip check [--clip-model X]}. */
  @Command(name = "check", description = "Load a CLIP model and encode one prompt and one image with it.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClipModelOption clip;

    @Override
    public Integer call() {
      long start = System.nanoTime();
      PrintWriter out = spec.commandLine().getOut();
      try (ClipModel model = clip.open(spec.commandLine().getErr())) {
        long loaded = System.nanoTime();
        float similarity = ClipModelProbe.catAgainstGrey(model);
        long encoded = System.nanoTime();
        out.printf("file:         %s%n", model.file());
        out.printf("layout:       %s (%s, %s)%n", model.methods().layout(), model.methods().image(),
            model.methods().text());
        out.printf("embedding:    %d%n", model.embeddingDim());
        out.printf("image tokens: %s%n", model.methods().imageTokens().orElse("absent"));
        out.printf("device:       %s%n", model.device());
        out.printf("load:         %.2f s; one text + one image: %.2f s; cosine(gray image, cat) %.4f%n",
            (loaded - start) / 1e9, (encoded - loaded) / 1e9, similarity);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code styleatlas clip bench [--clip-model X] [--batch N] [--runs K]}. */
  @Command(name = "bench", description = "Time encodeImages forward + backward on a batch of random views.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClipModelOption clip;

    @Option(names = "--batch", defaultValue = "8", description = "Views per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--runs", defaultValue = "5", description = "Timed steps after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
      if (batch < 1 || runs < 1) {
        throw new InputException("--batch and --runs must be at least 1");
      }
      try (ClipModel model = clip.open(spec.commandLine().getErr())) {
        double[] seconds = ClipModelProbe.forwardBackwardSeconds(model, batch, runs);
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s on %s: batch %d, median %.3f s per forward+backward (runs %s)%n", model.file().getFileName(),
            model.device(), batch, sorted[runs / 2],
            Arrays.stream(seconds).mapToObj(t -> String.format("%.3f", t)).collect(Collectors.joining(" ")));
        out.flush();
      }
      return ExitCodes.OK;
    }
  }
}
