package org.styleatlas.engine.decomposition;

/**
 * One pre-training batch of N pixels.
 *
 * @param n pixels
 * @param xyt normalised pixel centres {@code [N, 3]}
 * @param uvForeground target of M_f {@code [N, 2]}
 * @param uvBackground target of M_b {@code [N, 2]}
 * @param rgb video colour {@code [N, 3]}
 * @param matte matte values {@code [N]}, null without a matte
 */
record PretrainBatch(
    int n, float[] xyt, float[] uvForeground, float[] uvBackground, float[] rgb, float[] matte) {}
