package org.styleatlas.engine.studio;

import java.nio.file.Path;
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
public record StylizeRequest(String prompt, String localPrompt, Optional<Path> styleImage, StyleFlags flags,
    ClipModelChoice clipModel) {
  public StylizeRequest {
    styleImage = styleImage == null ? Optional.empty() : styleImage;
  }
}
