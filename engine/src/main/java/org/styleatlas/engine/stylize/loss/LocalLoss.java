package org.styleatlas.engine.stylize.loss;

import org.styleatlas.engine.stylize.view.ViewSpec;

/** Eq. 2: L_Local = 1 − sim(I_emb^Local, E_txt(T_Local)), over the local views of a frame. */
public final class LocalLoss extends ClipTargetLoss {
  @Override
  public ViewSpec.Kind views() {
    return ViewSpec.Kind.LOCAL;
  }
}
