package org.styleatlas.engine.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.stylize.PromptTrack;

/**
 * What to fine-tune a prepared clip towards, and with what.
 *
 * @param prompt the global target text T_Global (may be empty with a style image or with {@code
 *     prompts})
 * @param localPrompt the local target text T_Local; empty: the prompt
 * @param styleImage a style reference image
 * @param flags the fine-tuning settings
 * @param clipModel the CLIP model; its file is part of the stylization's address
 * @param prompts a prompt track file ({@code keys.json}: frame → prompt, with transition lengths)
 *     instead of {@code prompt}: every prompt is trained, and frames blend between them in atlas
 *     space
 * @param preview train the quick preview the plug-in shows first (a draft on a subset of frames
 *     with small views) instead of the full stylization
 */
public record StylizeRequest(
    String prompt,
    String localPrompt,
    Optional<Path> styleImage,
    StyleFlags flags,
    ClipModelChoice clipModel,
    Optional<Path> prompts,
    boolean preview) {
  public StylizeRequest {
    styleImage = styleImage == null ? Optional.empty() : styleImage;
    prompts = prompts == null ? Optional.empty() : prompts;
  }

  /** One prompt (or a style image), the full stylization. */
  public StylizeRequest(
      String prompt,
      String localPrompt,
      Optional<Path> styleImage,
      StyleFlags flags,
      ClipModelChoice clipModel) {
    this(prompt, localPrompt, styleImage, flags, clipModel, Optional.empty(), false);
  }

  /**
   * The prompt track of {@link #prompts}, read and validated; empty without one. A bad file, or a
   * track combined with {@code --prompt} or {@code --local}, is an {@link InputException} naming
   * the file and the entry.
   */
  Optional<PromptTrack> track() {
    if (prompts.isEmpty()) {
      return Optional.empty();
    }
    Path file = prompts.get();
    if (prompt != null && !prompt.isBlank()) {
      throw new InputException("--prompts " + file + ": give either --prompt or --prompts");
    }
    if (localPrompt != null && !localPrompt.isBlank()) {
      throw new InputException(
          "--local: not with --prompts " + file + " (each key's prompt is its local prompt too)");
    }
    return Optional.of(PromptTrack.read(file));
  }

  /**
   * Warnings for the user about this request, such as a prompt longer than CLIP reads (75 tokens):
   * the rest of it is ignored (#19.8).
   */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    PromptLength.warning("--prompt", prompt).ifPresent(out::add);
    PromptLength.warning("--local", localPrompt).ifPresent(out::add);
    track()
        .ifPresent(
            t ->
                t.prompts()
                    .forEach(
                        p ->
                            PromptLength.warning("--prompts " + prompts.get(), p)
                                .ifPresent(out::add)));
    return out;
  }
}
