package org.styleatlas.engine.decomposition.config;

/**
 * What the decomposition renders as the object's opacity where the clip has a matte.
 *
 * <p>{@link #LEARNED}: the α network M_α everywhere (NLA). {@link #MATTE}: the given matte is
 * authoritative: training composites with it, the working-size α map is the matte, and at other
 * sizes α is the matte resampled bilinearly; M_α is still trained (against the matte for the whole
 * run) and its coverage reported, but nothing renders it. Without a matte both are {@link
 * #LEARNED}.
 */
public enum OpacitySource {
  LEARNED,
  MATTE
}
