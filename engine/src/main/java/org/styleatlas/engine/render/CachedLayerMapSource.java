package org.styleatlas.engine.render;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Evaluates each (frame, resolution) of a {@link LayerMapSource} once and keeps it in memory. A 1920x1080
 * frame's maps take 41 MB; callers that render long clips at high resolution drop resolutions they no
 * longer need with {@link #evict(int, int)}.
 */
public final class CachedLayerMapSource implements LayerMapSource {
  private record Key(int t, int width, int height) {}

  private final LayerMapSource source;
  private final Map<Key, FrameLayerMaps> cache = new ConcurrentHashMap<>();

  public CachedLayerMapSource(LayerMapSource source) {
    this.source = source;
  }

  @Override
  public int frameCount() {
    return source.frameCount();
  }

  @Override
  public int width() {
    return source.width();
  }

  @Override
  public int height() {
    return source.height();
  }

  @Override
  public FrameLayerMaps maps(int t, int width, int height) {
    return cache.computeIfAbsent(new Key(t, width, height), k -> source.maps(k.t(), k.width(), k.height()));
  }

  /** Forgets every frame's maps at this resolution. */
  public void evict(int width, int height) {
    cache.keySet().removeIf(k -> k.width() == width && k.height() == height);
  }
}
