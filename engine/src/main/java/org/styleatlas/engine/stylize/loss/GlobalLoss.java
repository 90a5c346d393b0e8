package org.styleatlas.engine.stylize.loss;

import org.styleatlas.engine.stylize.view.ViewSpec;

/** Eq. 3: L_Global = 1 − sim(I_emb^Global, E_txt(T_Global)), over the global views of a frame. */
public final class GlobalLoss extends ClipTargetLoss {
  @Override
  public ViewSpec.Kind views() {
    return ViewSpec.Kind.GLOBAL;
  }
}
