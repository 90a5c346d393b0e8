package org.styleatlas.engine.studio;

import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.RenderParams;
import org.styleatlas.engine.jobs.StyleSettings;

/**
 * One frame the plug-in contributes (and, with an output plane, wants rendered), with the effect's
 * settings at that time.
 *
 * @param pixels the request's planes
 * @param time the frame's position in the filtered range, rounded to a frame number
 * @param clipLength the clip's length when the host tells it, else 0
 * @param decompose what changes the decomposition (matte source, box)
 * @param style what changes the stylized atlas (prompt, style image, settings)
 * @param render render-time settings (output mode, strength)
 * @param priority what the jobs a missing artifact starts run at: interactive (viewer) or batch
 *     (render queue)
 * @param batch whether a batch (non-interactive) host asked for it: there a repeated frame 0
 *     completes a one-frame clip ({@link ClipCollector})
 * @param morphStyle the stylization settings of the morph target prompt ({@link
 *     RenderParams#morph()} blends towards it), or null without a morph
 */
public record FrameRequest(
    FramePixels pixels,
    int time,
    int clipLength,
    DecomposeSettings decompose,
    StyleSettings style,
    RenderParams render,
    JobPriority priority,
    boolean batch,
    StyleSettings morphStyle) {

  /** A request without a morph target. */
  public FrameRequest(
      FramePixels pixels,
      int time,
      int clipLength,
      DecomposeSettings decompose,
      StyleSettings style,
      RenderParams render,
      JobPriority priority,
      boolean batch) {
    this(pixels, time, clipLength, decompose, style, render, priority, batch, null);
  }

  /** A request from an interactive host. */
  public FrameRequest(
      FramePixels pixels,
      int time,
      int clipLength,
      DecomposeSettings decompose,
      StyleSettings style,
      RenderParams render,
      JobPriority priority) {
    this(pixels, time, clipLength, decompose, style, render, priority, false);
  }
}
