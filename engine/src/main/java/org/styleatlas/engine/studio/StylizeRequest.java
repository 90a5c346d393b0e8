package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to fine-tune a prepared clip towards, and with what.
 *
 * @param prompt the global target text T_Global (may be empty with a style image)
 * @param localPrompt the local target text T_Local; empty: the prompt
 * @param styleImage a style reference image
 * @param flags the fine-tuning settings
 * @param clipModel the CLIP model; its file is part of the stylization's address
 */
public record StylizeRequest(
    String prompt,
    String localPrompt,
    Optional<Path> styleImage,
    StyleFlags flags,
    ClipModelChoice clipModel) {
  public StylizeRequest {
    styleImage = styleImage == null ? Optional.empty() : styleImage;
  }

  /**
   * Warnings for the user about this request, such as a prompt longer than CLIP reads (75 tokens):
   * the rest of it is ignored (#19.8).
   */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    PromptLength.warning("--prompt", prompt).ifPresent(out::add);
    PromptLength.warning("--local", localPrompt).ifPresent(out::add);
    return out;
  }
}
