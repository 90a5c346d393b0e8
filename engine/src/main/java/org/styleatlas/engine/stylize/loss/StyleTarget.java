package org.styleatlas.engine.stylize.loss;

import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.video.Frame;

/**
 * What the object should look like: the paper's global and local target texts, and (beyond the
 * paper) a style reference image, used instead of the texts or alongside them.
 *
 * @param globalText T_Global, e.g. "a swan made of gold"; empty when only an image is given
 * @param localText T_Local, e.g. "gold texture"; defaults to the global text
 * @param styleImage a reference image whose CLIP embedding is the target
 */
public record StyleTarget(String globalText, String localText, Optional<Frame> styleImage) {

  public StyleTarget {
    globalText = globalText == null ? "" : globalText.strip();
    localText = localText == null || localText.isBlank() ? globalText : localText.strip();
    if (globalText.isEmpty() && styleImage.isEmpty()) {
      throw new InputException("--prompt: give a prompt, a style image (--style-image), or both");
    }
  }

  /** A text-only target with the same text for global and local views. */
  public static StyleTarget text(String prompt) {
    return new StyleTarget(prompt, null, Optional.empty());
  }

  public boolean hasText() {
    return !globalText.isEmpty();
  }

  /** A short description for logs and cache keys. */
  public String describe() {
    return "global='"
        + globalText
        + "' local='"
        + localText
        + "'"
        + (styleImage.isPresent() ? " +image" : "");
  }
}
