package org.styleatlas.engine.studio;

import java.util.Optional;
import org.styleatlas.engine.clipmodel.ClipModel;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.loss.StructureLoss;
import org.styleatlas.engine.stylize.loss.StyleTarget;

/**
 * What to fine-tune a prepared clip towards.
 *
 * @param target the prompts and style image
 * @param config the resolved configuration ({@code pipeline.StylizeOptions#resolve})
 * @param clipModel the open CLIP model; its file is part of the stylization's address
 * @param structure Text2LIVE's structure term, when wanted (it is part of {@code config}'s loss weights)
 */
public record StylizationRequest(StyleTarget target, StylizeConfig config, ClipModel clipModel,
    Optional<StructureLoss> structure) {}
