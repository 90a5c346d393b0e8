package org.styleatlas.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.studio.ClipModelChoice;
import org.styleatlas.engine.studio.ClipModelTools;
import org.styleatlas.engine.studio.ModelLibrary;
import org.styleatlas.engine.studio.PromptLength;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code styleatlas clip}: CLIP utilities for debugging prompts and model files. */
@Command(
    name = "clip",
    description = "CLIP utilities: tokenize a prompt, check or benchmark a model file.",
    subcommands = {ClipCommand.Tokenize.class, ClipCommand.Check.class, ClipCommand.Bench.class})
final class ClipCommand {

  /**
   * {@code --clip-model NAME|FILE}, {@code --device} and {@code --models-dir}: mix into every
   * command that needs CLIP ({@code @Mixin ClipCommand.ClipModelOption clip;}), then {@link
   * #choice}.
   */
  static final class ClipModelOption {
    @Option(
        names = "--clip-model",
        paramLabel = "NAME|FILE",
        defaultValue = ModelLibrary.DEFAULT_MODEL,
        description =
            "A model name from 'styleatlas models list' or a TorchScript file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--device",
        paramLabel = "auto|cpu|gpu|gpu:N",
        defaultValue = "auto",
        description =
            "Where CLIP runs; auto picks the first GPU when there is one (default: ${DEFAULT-VALUE}).")
    String device;

    @Mixin ModelsCommand.ModelsDirOption dir;

    /** The model, device and models directory as the studio takes them. */
    ClipModelChoice choice() {
      return new ClipModelChoice(model, device, java.util.Optional.ofNullable(dir.modelsDir));
    }
  }

  /** {@code styleatlas clip tokenize TEXT}. */
  @Command(
      name = "tokenize",
      description = "Print the CLIP token ids of a prompt; warns when it is truncated.")
  static final class Tokenize implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "1..*",
        paramLabel = "TEXT",
        description = "The prompt (several words are joined by spaces).")
    List<String> words;

    @Override
    public Integer call() {
      String text = String.join(" ", words);
      ClipModelTools.Tokens prompt = ClipModelTools.tokenize(text);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          Arrays.stream(prompt.ids()).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
      out.printf("%d of %d tokens%n", prompt.length(), ClipModelTools.CONTEXT_LENGTH);
      out.flush();
      PromptLength.warning("the prompt", text)
          .ifPresent(
              w -> {
                spec.commandLine().getErr().println(w);
                spec.commandLine().getErr().flush();
              });
      return ExitCodes.OK;
    }
  }

  /** {@code styleatlas clip check [--clip-model X]}. */
  @Command(
      name = "check",
      description = "Load a CLIP model and encode one prompt and one image with it.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClipModelOption clip;

    @Override
    public Integer call() {
      ClipModelTools.Check c;
      try (TerminalProgress progress = TerminalProgress.mebibytes(spec.commandLine().getErr())) {
        c = ClipModelTools.check(clip.choice(), progress);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("file:         %s%n", c.file());
      out.printf("layout:       %s (%s, %s)%n", c.layout(), c.imageMethod(), c.textMethod());
      out.printf("embedding:    %d%n", c.embedding());
      out.printf("image tokens: %s%n", c.imageTokens());
      out.printf("device:       %s%n", c.device());
      out.printf(
          "load:         %.2f s; one text + one image: %.2f s; cosine(gray image, cat) %.4f%n",
          c.loadSeconds(), c.encodeSeconds(), c.similarity());
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code styleatlas clip bench [--clip-model X] [--batch N] [--runs K]}. */
  @Command(
      name = "bench",
      description = "Time encodeImages forward + backward on a batch of random views.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClipModelOption clip;

    @Option(
        names = "--batch",
        defaultValue = "8",
        description = "Views per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
        names = "--runs",
        defaultValue = "5",
        description = "Timed steps after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
      if (batch < 1 || runs < 1) {
        throw new InputException("--batch and --runs must be at least 1");
      }
      ClipModelTools.Timing timing;
      try (TerminalProgress progress = TerminalProgress.mebibytes(spec.commandLine().getErr())) {
        timing = ClipModelTools.time(clip.choice(), batch, runs, progress);
      }
      double[] seconds = timing.seconds();
      double[] sorted = seconds.clone();
      Arrays.sort(sorted);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "%s on %s: batch %d, median %.3f s per forward+backward (runs %s)%n",
          timing.file(),
          timing.device(),
          batch,
          sorted[runs / 2],
          Arrays.stream(seconds)
              .mapToObj(t -> String.format("%.3f", t))
              .collect(Collectors.joining(" ")));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
