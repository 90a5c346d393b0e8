package org.styleatlas.engine.studio;

import java.nio.file.Path;

/**
 * What {@link Studio#stylizeClip} produced.
 *
 * @param frames frames rendered
 * @param out the rendered frames (PNG folder or video)
 * @param mode the output mode's name
 * @param report the JSON report
 * @param lossPlot the loss plot beside it
 * @param cached whether the stylized atlas came from the cache (no fine-tuning)
 */
public record StylizeOutcome(
    int frames, Path out, String mode, Path report, Path lossPlot, boolean cached) {}
