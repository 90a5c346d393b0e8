package org.styleatlas.engine.studio;

/**
 * The answer to one frame or render request.
 *
 * @param stylized whether the stylized frame is in the output plane (else the source frame is)
 * @param clip the clip id, or "" while the frame's clip is still being collected
 * @param stage {@code done}, {@code collecting}, {@code decomposing}, {@code previewing}, {@code
 *     preview} or {@code stylizing}
 * @param progress 0 … 1 of the stage
 * @param message what the plugin shows in its Status param
 * @param collected frames collected so far in the frame's run (or the clip's length once known)
 * @param blocked whether waiting cannot help: the answer stays the same until the parameters or the
 *     input change (no prompt, no frame renderer); {@code message} says why
 * @param outputWritten whether the output plane holds a render: the full result, or (stage {@code
 *     preview}) the frame rendered from the quick preview; else the source frame is copied there
 */
public record FrameAnswer(
    boolean stylized,
    String clip,
    String stage,
    double progress,
    String message,
    int collected,
    boolean blocked,
    boolean outputWritten) {

  public FrameAnswer(
      boolean stylized,
      String clip,
      String stage,
      double progress,
      String message,
      int collected,
      boolean blocked) {
    this(stylized, clip, stage, progress, message, collected, blocked, stylized);
  }

  public FrameAnswer(
      boolean stylized, String clip, String stage, double progress, String message, int collected) {
    this(stylized, clip, stage, progress, message, collected, false);
  }
}
