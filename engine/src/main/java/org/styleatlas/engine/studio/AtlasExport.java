package org.styleatlas.engine.studio;

/**
 * The size of the foreground atlas {@link Studio#exportAtlases} wrote (paint it and render it back
 * with {@link Studio#renderClip}).
 */
public record AtlasExport(int width, int height) {}
