package org.styleatlas.engine.jobs;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.styleatlas.engine.InputException;

/**
 * What a job should compute. Its clip is either a clip collected from the plugin ({@code clip}, the
 * clip id) or files on the engine's disk ({@code source}, optionally {@code matte}), never both.
 *
 * @param kind decompose or stylize
 * @param priority interactive (preview) or batch
 * @param clip a collected clip id (64 lower-case hex digits), or null
 * @param source absolute path of a frame folder or video file, or null
 * @param matte absolute path of the matte folder or video, or null
 * @param decompose the settings of the decomposition (for both kinds: stylize builds on it)
 * @param style the stylization settings; for decompose jobs ignored and stored as the defaults
 */
public record JobSpec(
    JobKind kind,
    JobPriority priority,
    String clip,
    String source,
    String matte,
    DecomposeSettings decompose,
    StyleSettings style) {
  private static final Pattern CLIP_ID = Pattern.compile("[0-9a-f]{64}");

  public JobSpec {
    if (kind == null) {
      throw new InputException("kind: missing; give 'decompose' or 'stylize'");
    }
    priority = priority == null ? JobPriority.BATCH : priority;
    decompose = decompose == null ? DecomposeSettings.defaults() : decompose;
    style = style == null || kind == JobKind.DECOMPOSE ? StyleSettings.defaults() : style;
    if ((clip == null) == (source == null)) {
      throw new InputException(
          "clip/source: give exactly one of a collected clip id or a source path");
    }
    if (clip != null && !CLIP_ID.matcher(clip).matches()) {
      throw new InputException("clip: must be 64 lower-case hex digits, got '" + clip + "'");
    }
    checkPath("source", source);
    checkPath("matte", matte);
    if (kind.buildsOnDecomposition() && !style.hasPrompt()) {
      throw new InputException(
          "params.prompt: a " + kind.wireName() + " job needs a non-empty prompt");
    }
  }

  /** The decompose job this stylize job builds on (same clip and decomposition settings). */
  public JobSpec decomposition() {
    return new JobSpec(JobKind.DECOMPOSE, priority, clip, source, matte, decompose, null);
  }

  public Path sourcePath() {
    return source == null ? null : Path.of(source);
  }

  public Path mattePath() {
    return matte == null ? null : Path.of(matte);
  }

  private static void checkPath(String name, String value) {
    if (value != null && !SafePaths.isAbsoluteNormal(value)) {
      throw new InputException(
          name + ": must be an absolute path without '..', got '" + value + "'");
    }
  }
}
