package org.styleatlas.engine.studio;

import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.stylize.StylizationResult;

/**
 * A stylization the studio found or computed.
 *
 * @param key its address in the cache
 * @param result the stylized atlases and the loss history
 * @param computed whether this call fine-tuned (false: found in the cache)
 */
public record Stylization(CacheKey key, StylizationResult result, boolean computed) {}
