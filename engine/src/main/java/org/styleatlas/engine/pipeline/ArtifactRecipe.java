package org.styleatlas.engine.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.clipmodel.ClipModels;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.ClipIdentity;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.StyleSettings;
import org.styleatlas.engine.stylize.StylizeConfig;
import org.styleatlas.engine.stylize.loss.StyleTarget;

/**
 * The one recipe of artifact addresses, for the host's jobs and the CLI alike, so a clip one of
 * them prepared is found by the other:
 *
 * <ul>
 *   <li>decomposition = SHA-256 of (clip identity ({@link ClipIdentity#ofClip}: the id of the
 *       frames' hashes, for files too ({@link FileClipIdentity}), so a job on files and the CLI's
 *       preparation of them meet), matte source, box, the decomposition settings' fingerprint, the
 *       working resolution's long edge);
 *   <li>stylized atlas = SHA-256 of (decomposition key, CLIP model identity ({@link
 *       ClipModels#identity}), global and local prompt, the style image's pixels, the resolved
 *       {@link StylizeConfig}).
 * </ul>
 *
 * The stylized key hashes the resolved configuration, not the options that led to it, so the CLI's
 * flags and the plug-in's parameters that mean the same fine-tuning give the same address.
 */
public final class ArtifactRecipe implements ArtifactKeys {
  private final PipelineSettings settings;
  private final StyleImages styleImages = new StyleImages();
  private final FileClipIdentity files = new FileClipIdentity();

  public ArtifactRecipe(PipelineSettings settings) {
    this.settings = settings;
  }

  /**
   * The address of the decomposition of a clip, with the opacity its matte source calls for ({@link
   * OpacityChoice}).
   */
  public static CacheKey decomposition(
      String clipIdentity, DecomposeSettings d, DecompositionConfig config, int longEdge) {
    return decomposition(clipIdentity, d, config, longEdge, false);
  }

  /**
   * As {@link #decomposition(String, DecomposeSettings, DecompositionConfig, int)}, for a clip that
   * may have been enlarged to {@code longEdge} on request ({@code --allow-upscale}): an enlarged
   * working clip has its own address, so it never stands in for the clip at its own size (#19.6);
   * addresses of clips that were not enlarged are unchanged.
   */
  public static CacheKey decomposition(
      String clipIdentity,
      DecomposeSettings d,
      DecompositionConfig config,
      int longEdge,
      boolean upscaled) {
    ContentHasher h = d.putInto(new ContentHasher().putString(clipIdentity));
    h.putString(OpacityChoice.config(config, d).fingerprint()).putLong(longEdge);
    if (upscaled) {
      h.putString("upscaled");
    }
    return h.key(DECOMPOSITION);
  }

  /**
   * The address of a stylization.
   *
   * @param decomposition the decomposition it fine-tunes
   * @param clipModel {@link ClipModels#identity} of the CLIP model
   * @param target the prompts and style image
   * @param config the resolved configuration
   */
  public static CacheKey stylized(
      CacheKey decomposition, String clipModel, StyleTarget target, StylizeConfig config) {
    return stylized(
        decomposition,
        clipModel,
        target.globalText(),
        target.localText(),
        target.styleImage().map(StyleImages::hash).orElse(""),
        config);
  }

  private static CacheKey stylized(
      CacheKey decomposition,
      String clipModel,
      String global,
      String local,
      String styleImageHash,
      StylizeConfig config) {
    return new ContentHasher()
        .putString(decomposition.hash())
        .putString(clipModel)
        .putString(global)
        .putString(local)
        .putString(styleImageHash)
        .putString(config.toString())
        .key(STYLIZED);
  }

  @Override
  public CacheKey decomposition(JobSpec spec) {
    return decomposition(
        files.of(spec, settings.longEdge()),
        spec.decompose(),
        settings.decomposition(),
        settings.longEdge());
  }

  @Override
  public CacheKey stylized(JobSpec spec) {
    StyleSettings s = spec.style();
    String global = s.prompt().strip();
    String local = s.localPrompt().isBlank() ? global : s.localPrompt().strip();
    Optional<Path> image = Optional.ofNullable(s.styleImagePath());
    return stylized(
        decomposition(spec),
        ClipModels.identity(settings.clipModel()),
        global,
        local,
        image.map(styleImages::hash).orElse(""),
        StylizeOptions.of(s).resolve(mode -> true));
  }
}
