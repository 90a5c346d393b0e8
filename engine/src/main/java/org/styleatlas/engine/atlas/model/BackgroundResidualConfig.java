package org.styleatlas.engine.atlas.model;

import org.styleatlas.engine.atlas.encoding.EncodingConfig;
import org.styleatlas.engine.atlas.field.FieldConfig;
import org.styleatlas.engine.atlas.field.MlpConfig;

/**
 * A learned, low-capacity colour residual of the background layer over (x, y, t): what one
 * background mapping with one colour per atlas point cannot represent (rippling water, flicker,
 * lighting that changes over time). The reconstruction becomes (1 − α)·(c_b + r) + α·c_f, with r =
 * {@link #scale}·tanh(field(x, y, t)) and an L2 penalty {@code penalty}·mean ‖r‖² that keeps r
 * small, so the atlas keeps everything the atlas can represent and r only the time-varying rest.
 *
 * <p>r is never part of an atlas: it cannot be edited, the stylization's views sample the
 * background atlas without it, and a composite over the source pixels does not need it. It only
 * moves the reconstruction (and its PSNR) closer to the video; reports give the PSNR with and
 * without it.
 *
 * @param field the (x, y, t) → RGB network: a multi-resolution grid and a tiny MLP
 * @param scale the largest offset per channel (colour units)
 * @param penalty weight of mean ‖r‖² in the loss (the reconstruction term's weight is NLA's 5000)
 */
public record BackgroundResidualConfig(FieldConfig field, double scale, double penalty) {
  public BackgroundResidualConfig {
    if (field == null) {
      throw new IllegalArgumentException("background residual needs a field config");
    }
    if (!(scale > 0 && scale <= 1) || !(penalty >= 0) || !Double.isFinite(penalty)) {
      throw new IllegalArgumentException(
          "background residual: scale must be in (0, 1] and the penalty finite and ≥ 0, got "
              + scale
              + ", "
              + penalty);
    }
  }

  /**
   * Lever {@code background}'s: 8 levels × 2 features of a 3-D grid from 8 to 136 cells per axis
   * (at most 2^17 rows per level: the first five levels dense, the last three hashed; ~0.5 M rows,
   * 4 MB of float32), a 1×16 MLP, offsets up to ±0.5, and a penalty of 500 (a tenth of the
   * reconstruction weight: where only r can explain an error, it takes ~10/11 of it).
   */
  public static BackgroundResidualConfig standard() {
    return new BackgroundResidualConfig(
        new FieldConfig(new EncodingConfig.HashGrid(8, 2, 17, 8, 1.5), new MlpConfig(1, 16)),
        0.5,
        500);
  }
}
