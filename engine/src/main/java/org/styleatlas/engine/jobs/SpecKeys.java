package org.styleatlas.engine.jobs;

import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentHasher;

/**
 * The addresses of a build without a pipeline (no runner, or runners of tests): the spec's clip
 * ({@link ClipIdentity}) and settings only, since no engine settings exist to add.
 */
public final class SpecKeys implements ArtifactKeys {
  public static final SpecKeys INSTANCE = new SpecKeys();

  private SpecKeys() {}

  @Override
  public CacheKey decomposition(JobSpec spec) {
    ContentHasher h = new ContentHasher().putString(ClipIdentity.of(spec));
    return spec.decompose().putInto(h).key(DECOMPOSITION);
  }

  @Override
  public CacheKey stylized(JobSpec spec) {
    ContentHasher h = new ContentHasher().putString(decomposition(spec).hash());
    StyleSettings s = spec.style();
    h.putString(s.prompt()).putString(s.localPrompt()).putString(s.styleImage());
    h.putLong(s.prefixes()).putString(s.quality()).putLong(s.iterations()).putLong(s.seed());
    h.putDouble(s.lambdaGlobal()).putDouble(s.lambdaLocal()).putDouble(s.lambdaTemporal());
    h.putDouble(s.lambdaSparsity()).putLong(s.stylizeBackground() ? 1 : 0);
    return h.key(STYLIZED);
  }
}
