package org.styleatlas.engine.pipeline;

import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.OpacitySource;
import org.styleatlas.engine.jobs.DecomposeSettings;

/**
 * Which opacity a decomposition renders, decided by where its matte comes from (#17): a matte the
 * editor gave (a matte clip or folder, or the source's alpha) is exact, so it renders as the
 * object's opacity ({@link OpacitySource#MATTE}) and the effect lands exactly there; a matte
 * segmented from a box is an estimate, so the learned opacity renders ({@link
 * OpacitySource#LEARNED}). The CLI's preparation, the host's decompose job and every address of a
 * decomposition apply this one rule, so they keep meeting in the cache.
 */
public final class OpacityChoice {
  private OpacityChoice() {}

  /**
   * @param base the engine's or the user's decomposition settings
   * @param matte where the clip's matte comes from
   * @return {@code base} with the opacity the matte's source calls for
   */
  public static DecompositionConfig config(DecompositionConfig base, DecomposeSettings matte) {
    return matte.fromBox() ? base : base.withOpacity(OpacitySource.MATTE);
  }
}
