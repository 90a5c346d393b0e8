package org.styleatlas.engine.decomposition;

/**
 * N sampled pixels with everything the losses need, as flat float arrays (row-major).
 *
 * @param n number of pixels
 * @param pixels {@code [N]} clip pixel indices t·H·W + y·W + x
 * @param xyt {@code [N, 3]} normalised pixel centres
 * @param xytDx {@code [N, 3]} one pixel to the right (clamped to the frame)
 * @param xytDy {@code [N, 3]} one pixel down (clamped to the frame)
 * @param xytGx {@code [N, 3]} the global-rigidity offset to the right
 * @param xytGy {@code [N, 3]} the global-rigidity offset down
 * @param xytFlow {@code [N, 3]} the flow target in the neighbouring frame
 * @param target {@code [N, 3]} video colour
 * @param targetDx {@code [N, 3]} video colour at xytDx
 * @param targetDy {@code [N, 3]} video colour at xytDy
 * @param flowMask {@code [N]} 1 where the flow is consistent
 * @param matte {@code [N]} matte, or null
 */
record PixelBatch(
    int n,
    int[] pixels,
    float[] xyt,
    float[] xytDx,
    float[] xytDy,
    float[] xytGx,
    float[] xytGy,
    float[] xytFlow,
    float[] target,
    float[] targetDx,
    float[] targetDy,
    float[] flowMask,
    float[] matte) {}
