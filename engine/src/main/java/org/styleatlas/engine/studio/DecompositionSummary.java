package org.styleatlas.engine.studio;

import java.nio.file.Path;

/**
 * What {@link Studio#decomposeClip} produced.
 *
 * @param meanPsnr mean reconstruction PSNR over the frames, dB
 * @param frames frames decomposed
 * @param iterations main training steps run
 * @param out the folder of the exported outputs
 */
public record DecompositionSummary(double meanPsnr, int frames, int iterations, Path out) {}
