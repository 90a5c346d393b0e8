package org.styleatlas.engine.studio;

import java.time.Instant;
import org.styleatlas.engine.cache.CacheKey;

/**
 * One artifact in the studio's cache.
 *
 * @param key its kind and hash ({@code frame}, {@code clip}, {@code decomposition}, {@code
 *     stylized-atlas}, per-size maps, flow)
 * @param bytes its size on disk
 * @param lastUsed when it was last read or written
 */
public record Artifact(CacheKey key, long bytes, Instant lastUsed) {}
