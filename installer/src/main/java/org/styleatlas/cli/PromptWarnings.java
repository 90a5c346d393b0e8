package org.styleatlas.cli;

import java.io.PrintWriter;
import org.styleatlas.engine.clipmodel.ClipTokenizer;
import org.styleatlas.engine.clipmodel.TokenizedPrompt;

/** Tells the user when CLIP will not read a whole prompt (it reads the first 75 tokens). */
final class PromptWarnings {
  private PromptWarnings() {}

  /**
   * Prints a warning on {@code err} when {@code text} is longer than CLIP's context.
   *
   * @param what the prompt's name in the message, e.g. "--prompt"
   * @return the tokenized prompt (null text gives null)
   */
  static TokenizedPrompt warnIfTruncated(PrintWriter err, String what, String text) {
    if (text == null) {
      return null;
    }
    TokenizedPrompt prompt = ClipTokenizer.shared().tokenize(text);
    if (prompt.truncated()) {
      int tokens = ClipTokenizer.shared().encode(prompt.text()).length;
      err.printf("warning: %s has %d tokens; CLIP reads only the first %d, the rest is ignored%n", what, tokens,
          ClipTokenizer.CONTEXT_LENGTH - 2);
      err.flush();
    }
    return prompt;
  }
}
