package org.styleatlas.engine.studio;

import java.nio.file.Path;

/**
 * What {@code styleatlas matte} wrote.
 *
 * @param out the folder of PNG mattes
 * @param frames how many were written (one per frame)
 * @param width the mattes' width in pixels (the source's)
 * @param height the mattes' height
 * @param segmenter the segmenter that made them ({@code grabcut-flow} without a learned model)
 * @param millisPerFrame segmentation time per frame at the working size, milliseconds
 */
public record MatteSummary(
    Path out, int frames, int width, int height, String segmenter, double millisPerFrame) {}
