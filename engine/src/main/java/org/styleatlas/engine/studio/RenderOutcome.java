package org.styleatlas.engine.studio;

import java.nio.file.Path;

/**
 * What {@link Studio#renderClip} produced.
 *
 * @param frames frames rendered
 * @param width output width
 * @param height output height
 * @param mode the output mode's name
 * @param out the rendered frames (PNG folder or video)
 * @param seconds wall seconds spent rendering and writing
 */
public record RenderOutcome(
    int frames, int width, int height, String mode, Path out, double seconds) {}
