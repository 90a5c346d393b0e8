package org.styleatlas.engine.studio;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.ClipIdentity;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.jobs.ClipStore;
import org.styleatlas.engine.pipeline.ArtifactRecipe;
import org.styleatlas.engine.pipeline.PipelineSettings;

/**
 * {@link Studio#evict(String)}, {@link Studio#evictClip} and {@link Studio#evictOlderThan}: which
 * artifacts a key, a clip or an age selects, removed one by one (what depends on them is computed
 * again when needed).
 */
final class ArtifactEviction {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactEviction.class);

  /** Shortest hash prefix accepted for a key or a clip id. */
  static final int MIN_PREFIX = 6;

  private final ContentCache cache;
  private final ClipStore clips;
  private final PipelineSettings settings;

  ArtifactEviction(ContentCache cache, ClipStore clips, PipelineSettings settings) {
    this.cache = cache;
    this.clips = clips;
    this.settings = settings;
  }

  List<Artifact> all() {
    return cache.list().stream().map(l -> Artifact.of(l.key(), l.bytes(), l.lastUsed())).toList();
  }

  /**
   * Removes the one artifact {@code key} names: {@code kind/hash}, the hash whole or a prefix of at
   * least {@value #MIN_PREFIX} digits that matches one artifact of that kind.
   */
  Artifact evict(String key) {
    int slash = key.indexOf('/');
    if (slash < 1) {
      throw new InputException(
          "artifact key: expected KIND/HASH as 'styleatlas artifacts list' shows it, got '"
              + key
              + "'");
    }
    String kind = key.substring(0, slash);
    String prefix = hexPrefix("artifact key '" + key + "'", key.substring(slash + 1));
    List<Artifact> found =
        all().stream().filter(a -> a.kind().equals(kind) && a.hash().startsWith(prefix)).toList();
    Artifact one = only(found, "artifact " + key);
    remove(List.of(one));
    return one;
  }

  /**
   * Removes a recognised clip's artifacts: its clip record, its frames that no other clip uses, and
   * its decomposition at this engine's settings.
   */
  List<Artifact> evictClip(String id) {
    String prefix = hexPrefix("clip id '" + id + "'", id);
    List<ClipRecord> all = clips.all();
    ClipRecord clip =
        only(all.stream().filter(c -> c.id().startsWith(prefix)).toList(), "clip " + id);
    Set<String> shared = new HashSet<>();
    all.stream().filter(c -> !c.id().equals(clip.id())).forEach(c -> shared.addAll(c.frames()));
    Set<CacheKey> keys = new HashSet<>();
    keys.add(new CacheKey(ArtifactKeys.CLIP, clip.id()));
    clip.frames().stream()
        .filter(h -> !shared.contains(h))
        .forEach(h -> keys.add(new CacheKey(ArtifactKeys.FRAME, h)));
    keys.add(
        ArtifactRecipe.decomposition(
            ClipIdentity.ofClip(clip.id()),
            clip.decompose(),
            settings.decomposition(),
            settings.longEdge()));
    List<Artifact> selected = all().stream().filter(a -> keys.contains(a.cacheKey())).toList();
    remove(selected);
    return selected;
  }

  /** Removes every artifact not used for longer than {@code age} before {@code now}. */
  List<Artifact> evictOlderThan(Duration age, Instant now) {
    if (age.isNegative()) {
      throw new InputException("--older-than: must not be negative, got " + age);
    }
    Instant cutoff = now.minus(age);
    List<Artifact> selected = all().stream().filter(a -> a.lastUsed().isBefore(cutoff)).toList();
    remove(selected);
    return selected;
  }

  private void remove(List<Artifact> artifacts) {
    for (Artifact a : artifacts) {
      cache.remove(a.cacheKey());
      LOG.info("evicted {} ({} bytes)", a.shortKey(), a.bytes());
    }
  }

  private static String hexPrefix(String what, String text) {
    String hex = text.toLowerCase(Locale.ROOT);
    if (hex.length() < MIN_PREFIX || !hex.matches("[0-9a-f]+")) {
      throw new InputException(
          what + ": expected at least " + MIN_PREFIX + " hex digits of the hash");
    }
    return hex;
  }

  private static <T> T only(List<T> found, String what) {
    if (found.isEmpty()) {
      throw new InputException(what + ": not in the cache");
    }
    if (found.size() > 1) {
      throw new InputException(what + ": " + found.size() + " match; give more digits of the hash");
    }
    return found.get(0);
  }
}
