package org.styleatlas.engine.video;

/**
 * What an image file's header says, without decoding its pixels.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param hasAlpha whether the image has an alpha channel
 */
record ImageHeader(int width, int height, boolean hasAlpha) implements PixelGrid {}
