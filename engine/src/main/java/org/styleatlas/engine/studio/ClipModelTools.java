package org.styleatlas.engine.studio;

import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.clipmodel.ClipModelProbe;
import org.styleatlas.engine.clipmodel.ClipTokenizer;
import org.styleatlas.engine.clipmodel.TokenizedPrompt;
import org.styleatlas.engine.runtime.ProgressSink;

/** What {@code styleatlas clip} does with a prompt or a CLIP model: tokenize, check, time. */
public final class ClipModelTools {
  /** Token ids CLIP reads per prompt. */
  public static final int CONTEXT_LENGTH = ClipTokenizer.CONTEXT_LENGTH;

  private ClipModelTools() {}

  /**
   * A prompt's tokens.
   *
   * @param ids the ids CLIP reads (start and end tokens included)
   * @param length how many of the {@value #CONTEXT_LENGTH} slots they fill
   * @param truncated whether the prompt was cut to fit ({@link PromptLength} says how much)
   */
  public record Tokens(int[] ids, int length, boolean truncated) {}

  /**
   * A loaded model and one encoding of "a photo of a cat" and a grey image.
   *
   * @param similarity their (unnormalised) dot product
   */
  public record Check(
      String file,
      String layout,
      String imageMethod,
      String textMethod,
      int embedding,
      String imageTokens,
      String device,
      double loadSeconds,
      double encodeSeconds,
      float similarity) {}

  /**
   * {@code encodeImages} forward plus backward timings.
   *
   * @param seconds wall seconds of each timed step
   */
  public record Timing(String file, String device, int batch, double[] seconds) {}

  public static Tokens tokenize(String prompt) {
    TokenizedPrompt t = ClipTokenizer.shared().tokenize(prompt);
    return new Tokens(t.usedIds(), t.length(), t.truncated());
  }

  /** Loads the model and encodes one prompt and one image with it. */
  public static Check check(ClipModelChoice choice, ProgressSink progress) {
    long start = System.nanoTime();
    try (ClipModel model = choice.open(progress)) {
      long loaded = System.nanoTime();
      float similarity = ClipModelProbe.catAgainstGrey(model);
      long encoded = System.nanoTime();
      return new Check(
          model.file().toString(),
          model.methods().layout().toString(),
          model.methods().image(),
          model.methods().text(),
          model.embeddingDim(),
          model.methods().imageTokens().orElse("absent"),
          model.device().toString(),
          (loaded - start) / 1e9,
          (encoded - loaded) / 1e9,
          similarity);
    }
  }

  /**
   * Times forward plus backward on {@code batch} random views, one warm-up then {@code runs} steps.
   */
  public static Timing time(ClipModelChoice choice, int batch, int runs, ProgressSink progress) {
    try (ClipModel model = choice.open(progress)) {
      return new Timing(
          model.file().getFileName().toString(),
          model.device().toString(),
          batch,
          ClipModelProbe.forwardBackwardSeconds(model, batch, runs));
    }
  }
}
