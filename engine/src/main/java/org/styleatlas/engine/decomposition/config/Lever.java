package org.styleatlas.engine.decomposition.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.atlas.encoding.EncodingConfig;
import org.styleatlas.engine.atlas.model.BackgroundResidualConfig;

/**
 * The quality levers of issue #17 that can be switched on or off in the fast preset, so a benchmark
 * can measure each side by side with the same budget ({@code bench decompose --variants}).
 */
public enum Lever {
  /**
   * The matte is authoritative: alpha bootstrapping (BCE of α against the matte) for the whole run
   * instead of the first {@link #BOOTSTRAP_UNTIL_BEFORE} steps.
   */
  MATTE {
    @Override
    DecompositionConfig set(DecompositionConfig c, boolean on) {
      return c.withLosses(
          c.losses()
              .withSchedules(
                  c.losses().globalRigidityUntil(),
                  on ? Integer.MAX_VALUE : BOOTSTRAP_UNTIL_BEFORE));
    }
  },
  /**
   * α's positional encoding one-to-one on [−1, 1] ({@link EncodingConfig.Positional#injective}):
   * with NLA's octaves the first and last frame encode identically, and α could not cover the
   * object in both.
   */
  ENCODING {
    @Override
    DecompositionConfig set(DecompositionConfig c, boolean on) {
      return c.withModel(
          c.model()
              .withAlphaEncoding(
                  on
                      ? EncodingConfig.Positional.injective(ALPHA_FREQUENCIES)
                      : new EncodingConfig.Positional(ALPHA_FREQUENCIES)));
    }
  },
  /** Half of each batch drawn by the current error ({@link PixelSampling#errorWeighted()}). */
  SAMPLING {
    @Override
    DecompositionConfig set(DecompositionConfig c, boolean on) {
      return c.withSampling(on ? PixelSampling.errorWeighted() : PixelSampling.uniform());
    }
  },
  /**
   * The given matte is the rendered opacity ({@link OpacitySource#MATTE}): training composites with
   * it and every map carries it. M_α, which then gets no reconstruction gradient, is bootstrapped
   * against the matte for the whole run so its reported coverage means something.
   */
  OPACITY {
    @Override
    DecompositionConfig set(DecompositionConfig c, boolean on) {
      DecompositionConfig o = c.withOpacity(on ? OpacitySource.MATTE : OpacitySource.LEARNED);
      return on ? MATTE.set(o, true) : o;
    }
  },
  /**
   * Non-rigid capacity for both mappings: a coarse-to-fine grid over (x, y, t) ({@link
   * #MAPPING_RESIDUAL}) whose summed levels are added to the coarse MLP's (u, v) before the tanh.
   * Its finest cell is 1/32 of the frame per axis, so it stays smooth at the pixel scale, and the
   * rigidity and flow terms act on the sum, as they did on the MLP alone.
   */
  RESIDUAL {
    @Override
    DecompositionConfig set(DecompositionConfig c, boolean on) {
      return c.withModel(c.model().withMappingResidual(on ? MAPPING_RESIDUAL : null));
    }
  },
  /**
   * A colour residual of the background over (x, y, t) ({@link
   * BackgroundResidualConfig#standard()}): what one background mapping with one colour per atlas
   * point cannot represent (rippling water, lighting). Not part of any atlas, so it carries no
   * edit; reports give the PSNR with and without it.
   */
  BACKGROUND {
    @Override
    DecompositionConfig set(DecompositionConfig c, boolean on) {
      return c.withModel(
          c.model().withBackgroundResidual(on ? BackgroundResidualConfig.standard() : null));
    }
  };

  /**
   * The mappings' residual grid: 4 levels of 2 features (u, v) at 4, 8, 16 and 32 cells per axis of
   * (x, y, t), every level dense in 2^16 rows (33³ vertices fit), so no hash collisions.
   */
  public static final EncodingConfig.HashGrid MAPPING_RESIDUAL =
      new EncodingConfig.HashGrid(4, 2, 16, 4, 2);

  /** Octaves of the fast preset's α encoding (NLA's α has 5). */
  public static final int ALPHA_FREQUENCIES = 5;

  /** The fast preset's alpha-bootstrapping schedule before the matte was made authoritative. */
  public static final int BOOTSTRAP_UNTIL_BEFORE = 1000;

  abstract DecompositionConfig set(DecompositionConfig c, boolean on);

  /** Lower-case name, as typed on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code base} with exactly the levers in {@code on} switched on and the others off. */
  public static DecompositionConfig only(DecompositionConfig base, Set<Lever> on) {
    DecompositionConfig c = base;
    for (Lever l : values()) {
      c = l.set(c, on.contains(l));
    }
    return c;
  }

  /**
   * The fast-preset variant named {@code spec}: "preset" (as shipped), "none" (every lever off: the
   * preset before #17) or lever labels joined by '+', e.g. "matte+sampling".
   */
  public static DecompositionConfig variant(String spec) {
    DecompositionConfig fast = DecompositionConfig.fast();
    String s = spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("preset")) {
      return fast;
    }
    Set<Lever> on = EnumSet.noneOf(Lever.class);
    if (!s.equals("none")) {
      for (String part : s.split("\\+")) {
        on.add(parse(part, spec));
      }
    }
    return only(fast, on);
  }

  private static Lever parse(String part, String spec) {
    for (Lever l : values()) {
      if (l.label().equals(part.trim())) {
        return l;
      }
    }
    throw new InputException(
        "variant '"
            + spec
            + "': unknown lever '"
            + part
            + "', expected preset, none or levers joined by '+' among "
            + java.util.Arrays.stream(values())
                .map(Lever::label)
                .collect(java.util.stream.Collectors.joining(", ")));
  }
}
