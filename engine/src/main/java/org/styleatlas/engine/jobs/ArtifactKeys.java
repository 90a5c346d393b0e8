package org.styleatlas.engine.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentHasher;

/**
 * The cache addresses of the artifacts a job produces: clip → decomposition → stylized atlas. A job's
 * output lands at {@link #output(JobSpec)}; the render path looks it up there.
 */
public final class ArtifactKeys {
  public static final String FRAME = "frame";
  public static final String CLIP = "clip";
  public static final String DECOMPOSITION = "decomposition";
  public static final String STYLIZED = "stylized-atlas";
  public static final String STYLIZED_PREVIEW = "stylized-preview";

  private ArtifactKeys() {}

  /** Where the job of {@code spec} writes its result. */
  public static CacheKey output(JobSpec spec) {
    return switch (spec.kind()) {
      case DECOMPOSE -> decomposition(spec);
      case STYLIZE -> stylized(spec);
      case PREVIEW -> preview(spec);
    };
  }

  /** The decomposition of the spec's clip with its decomposition settings. */
  public static CacheKey decomposition(JobSpec spec) {
    ContentHasher h = new ContentHasher();
    clip(h, spec);
    decompose(h, spec.decompose());
    return h.key(DECOMPOSITION);
  }

  /** The stylized atlas built on {@link #decomposition(JobSpec)} with the spec's style settings. */
  public static CacheKey stylized(JobSpec spec) {
    return style(spec).key(STYLIZED);
  }

  /** The quick draft of {@link #stylized(JobSpec)}: same inputs, another kind. */
  public static CacheKey preview(JobSpec spec) {
    return style(spec).key(STYLIZED_PREVIEW);
  }

  private static ContentHasher style(JobSpec spec) {
    ContentHasher h = new ContentHasher().putString(decomposition(spec).hash());
    StyleSettings s = spec.style();
    h.putString(s.prompt()).putString(s.localPrompt()).putString(s.styleImage());
    h.putLong(s.prefixes()).putString(s.quality()).putLong(s.iterations()).putLong(s.seed());
    h.putDouble(s.lambdaGlobal()).putDouble(s.lambdaLocal()).putDouble(s.lambdaTemporal());
    h.putDouble(s.lambdaSparsity()).putLong(s.stylizeBackground() ? 1 : 0);
    return h;
  }

  private static void clip(ContentHasher h, JobSpec spec) {
    if (spec.clip() != null) {
      h.putString("clip").putString(spec.clip());
      return;
    }
    // Files on disk: the path plus every file's name, size and modification time, so an edited clip
    // gets a new address without reading all its pixels here.
    h.putString("files");
    listing(h, spec.sourcePath());
    h.putLong(spec.matte() == null ? 0 : 1);
    if (spec.matte() != null) {
      listing(h, spec.mattePath());
    }
  }

  private static void decompose(ContentHasher h, DecomposeSettings d) {
    h.putString(d.matteSource());
    List<Double> box = d.box();
    box.forEach(h::putDouble);
  }

  private static void listing(ContentHasher h, Path root) {
    h.putString(root.toString());
    if (!Files.exists(root)) {
      h.putLong(-1);
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
        h.putString(root.relativize(p).toString()).putLong(Files.size(p));
        h.putLong(Files.getLastModifiedTime(p).toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }
}
