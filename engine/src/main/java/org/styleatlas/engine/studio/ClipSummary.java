package org.styleatlas.engine.studio;

/**
 * A clip collected from the plug-in, for its thumbnails.
 *
 * @param id the clip id (64 hex digits)
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param frames frame count
 * @param matteSource how its matte is found ({@code clip}, {@code alpha}, {@code box})
 */
public record ClipSummary(String id, int width, int height, int frames, String matteSource) {}
