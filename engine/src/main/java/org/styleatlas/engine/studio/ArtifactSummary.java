package org.styleatlas.engine.studio;

/**
 * What the page can show of a job's outputs, from its decomposition report ({@code
 * decomposition.json}, the numbers the CLI's {@code report.json} shows).
 *
 * @param decomposed whether the job's decomposition is in the cache (atlases and loss curve
 *     available)
 * @param stylized whether the job's stylized atlas is in the cache (before/after available)
 * @param frames frame count of the decomposed clip, 0 when not decomposed
 * @param width working width in pixels (the before/after frames' size), 0 when not decomposed
 * @param height working height in pixels, 0 when not decomposed
 * @param meanPsnr the decomposition's mean reconstruction PSNR in dB, or null
 */
public record ArtifactSummary(
    boolean decomposed, boolean stylized, int frames, int width, int height, Double meanPsnr) {
  /** A job whose decomposition is not in the cache. */
  static final ArtifactSummary NONE = new ArtifactSummary(false, false, 0, 0, 0, null);
}
