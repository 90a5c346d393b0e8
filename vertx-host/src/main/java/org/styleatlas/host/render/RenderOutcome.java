package org.styleatlas.host.render;


/**
 * The answer to one frame or render request.
 *
 * @param stylized whether the (full) stylized frame is in the output plane
 * @param clip the clip id, or "" while the frame's clip is still being collected
 * @param stage {@code done}, {@code collecting}, {@code decomposing}, {@code previewing}, {@code preview} or {@code stylizing}
 * @param progress 0 … 1 of the stage
 * @param message what the plugin shows in its Status param
 * @param collected frames collected so far in the frame's run (or the clip's length once known)
 * @param outputWritten whether the output plane holds a render (the full result, or the quick preview of
 *     stage {@code preview}); else the source frame is copied there
 */
public record RenderOutcome(boolean stylized, String clip, String stage, double progress, String message,
    int collected, boolean outputWritten) {

  /** An answer whose output is the full result when {@code stylized}, else the source frame. */
  public RenderOutcome(boolean stylized, String clip, String stage, double progress, String message, int collected) {
    this(stylized, clip, stage, progress, message, collected, stylized);
  }
}
