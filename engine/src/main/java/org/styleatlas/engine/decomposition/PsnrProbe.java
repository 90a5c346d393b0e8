package org.styleatlas.engine.decomposition;

/**
 * Receives the reconstruction PSNR measured during training (benchmarks: PSNR against time). The
 * measurement evaluates up to {@link #FRAMES} evenly spaced frames at the working resolution; its
 * time is not counted as training time.
 */
@FunctionalInterface
public interface PsnrProbe {
  /** Frames evaluated per measurement, at most. */
  int FRAMES = 8;

  /**
   * @param iteration main-phase steps done
   * @param trainingSeconds training time so far
   * @param meanPsnr mean PSNR in dB over the evaluated frames
   */
  void report(int iteration, double trainingSeconds, double meanPsnr);
}
