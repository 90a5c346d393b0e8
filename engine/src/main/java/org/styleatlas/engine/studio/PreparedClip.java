package org.styleatlas.engine.studio;

import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.jobs.ClipRecord;
import org.styleatlas.engine.stylize.scene.EditableScene;
import org.styleatlas.engine.video.Clip;

/**
 * A clip the studio recognised and decomposed: what a caller stylizes and renders. Closing it frees
 * the decomposition's networks.
 *
 * @param clip the recognised clip (its id is what the plug-in's frames are matched against), or
 *     null for the embedded demo clip
 * @param decomposition the decomposition's address, or null for the demo clip (its decomposition is
 *     exact)
 * @param scene the decomposed scene, at the working resolution
 * @param working the clip at the working resolution with its mattes, or null for the demo clip
 */
public record PreparedClip(
    ClipRecord clip, CacheKey decomposition, EditableScene scene, Clip working)
    implements AutoCloseable {
  @Override
  public void close() {
    scene.close();
  }
}
