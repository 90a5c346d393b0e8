package org.styleatlas.engine.studio;

import java.util.Optional;
import org.styleatlas.engine.clipmodel.ClipTokenizer;
import org.styleatlas.engine.clipmodel.TokenizedPrompt;

/** Whether CLIP reads a whole prompt: it reads the first 75 tokens and ignores the rest. */
public final class PromptLength {
  private PromptLength() {}

  /**
   * A warning naming {@code what} when {@code text} is longer than CLIP's context; empty otherwise
   * (and for a null or empty text).
   */
  public static Optional<String> warning(String what, String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    TokenizedPrompt prompt = ClipTokenizer.shared().tokenize(text);
    if (!prompt.truncated()) {
      return Optional.empty();
    }
    int tokens = ClipTokenizer.shared().encode(prompt.text()).length;
    return Optional.of(
        String.format(
            "warning: %s has %d tokens; CLIP reads only the first %d, the rest is ignored",
            what, tokens, ClipTokenizer.CONTEXT_LENGTH - 2));
  }
}
