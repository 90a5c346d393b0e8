package org.styleatlas.engine.pipeline;

import java.util.Map;
import java.util.Properties;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.clipmodel.KnownClipModel;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.DecompositionSchedule;

/**
 * How the host's runners decompose and stylize: the settings that the job spec does not carry.
 *
 * <p>{@link #fromEnvironment()} reads them from system properties {@code
 * styleatlas.pipeline.<key>}, else environment variables {@code STYLEATLAS_PIPELINE_<KEY>} (upper
 * case, {@code _} between words), else the defaults: {@code clipModel} (a model name or TorchScript
 * file, default {@value KnownClipModel#DEFAULT_NAME}), {@code decomposition} ({@code fast} or
 * {@code faithful}), {@code decomposeIterations}, {@code decomposePretrain} and {@code
 * decomposeBatch} (main steps, mapping pre-training steps, pixels per step; unset: the preset's),
 * {@code atlasResolution} (0: the preset's), {@code longEdge} (working resolution of collected
 * clips, pixels; 0 keeps their size) and {@code mapCacheMB} (MiB of memory for maps evaluated at
 * non-working output sizes).
 *
 * @param clipModel the CLIP model: a name in the model store ({@code STYLEATLAS_MODELS_DIR}) or a
 *     file
 * @param decomposition the decomposition preset with its overrides
 * @param longEdge working resolution: the longer side in pixels (collected clips are only shrunk);
 *     0 keeps it
 * @param mapCacheBytes bound on the memory of layer maps evaluated at output sizes, bytes
 */
public record PipelineSettings(
    String clipModel, DecompositionConfig decomposition, int longEdge, long mapCacheBytes) {
  /**
   * Default working resolution of the host: smaller than the CLI's, decompositions run on shared
   * CPUs.
   */
  public static final int DEFAULT_LONG_EDGE = 512;

  public static final long DEFAULT_MAP_CACHE_MB = 1024;
  static final String PROPERTY_PREFIX = "styleatlas.pipeline.";
  static final String ENV_PREFIX = "STYLEATLAS_PIPELINE_";

  public PipelineSettings {
    if (clipModel == null || clipModel.isBlank()) {
      throw new InputException("pipeline clipModel: give a CLIP model name or TorchScript file");
    }
    if (longEdge < 0) {
      throw new InputException("pipeline longEdge: must be 0 (keep) or positive, got " + longEdge);
    }
    if (mapCacheBytes <= 0) {
      throw new InputException("pipeline mapCacheMB: must be positive, got " + mapCacheBytes);
    }
  }

  /** The settings of this process (system properties over environment variables over defaults). */
  public static PipelineSettings fromEnvironment() {
    return from(System.getProperties(), System.getenv());
  }

  static PipelineSettings from(Properties props, Map<String, String> env) {
    Lookup v = new Lookup(props, env);
    DecompositionConfig d = DecompositionConfig.of(v.get("decomposition", "fast"));
    DecompositionSchedule s = d.schedule();
    try {
      d =
          d.withSchedule(
              new DecompositionSchedule(
                  positiveOr(v.integer("decomposeIterations", 0), s.iterations()),
                  v.integer("decomposePretrain", s.pretrainIterations()),
                  positiveOr(v.integer("decomposeBatch", 0), s.batchPixels()),
                  s.seed(),
                  s.checkpointEvery()));
    } catch (IllegalArgumentException e) {
      throw new InputException("pipeline decompose settings: " + e.getMessage(), e);
    }
    int atlas = v.integer("atlasResolution", 0);
    if (atlas > 0) {
      d = d.withAtlasResolution(atlas);
    }
    return new PipelineSettings(
        v.get("clipModel", KnownClipModel.DEFAULT_NAME),
        d,
        v.integer("longEdge", DEFAULT_LONG_EDGE),
        (long) v.integer("mapCacheMB", (int) DEFAULT_MAP_CACHE_MB) << 20);
  }

  private static int positiveOr(int v, int fallback) {
    return v > 0 ? v : fallback;
  }

  /** The same settings with another decomposition config. */
  public PipelineSettings withDecomposition(DecompositionConfig d) {
    return new PipelineSettings(clipModel, d, longEdge, mapCacheBytes);
  }

  private record Lookup(Properties props, Map<String, String> env) {
    String get(String key, String fallback) {
      String p = props.getProperty(PROPERTY_PREFIX + key);
      if (p != null) {
        return p.trim();
      }
      String e =
          env.get(
              ENV_PREFIX
                  + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
      return e != null ? e.trim() : fallback;
    }

    int integer(String key, int fallback) {
      String s = get(key, null);
      if (s == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new InputException("pipeline " + key + ": expected a whole number, got '" + s + "'");
      }
    }
  }
}
