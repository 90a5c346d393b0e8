package org.styleatlas.engine.studio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.CacheEntry;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.cache.Float32Files;
import org.styleatlas.engine.decomposition.DecompositionFiles;
import org.styleatlas.engine.decomposition.DecompositionReport;
import org.styleatlas.engine.jobs.ArtifactFrameRenderer;
import org.styleatlas.engine.jobs.ArtifactKeys;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.RenderParams;
import org.styleatlas.engine.pipeline.DecompositionEntry;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.Frame;

/**
 * Reads what the page shows of a job from the content cache, blocking (call on a worker thread):
 * the decomposition's report and atlas textures, the finished loss curve, and before/after frames
 * rendered by the host's own frame renderer (the one the plug-in's renders use) at the working
 * size: the source, the unstylized reconstruction and the stylized composite.
 */
final class JobArtifacts {
  /** The before/after views, in the page's order. */
  static final List<String> VIEWS = List.of("original", "reconstruction", "composite");

  /**
   * Each view as render parameters: the source frame; the reconstruction from the decomposition's
   * own atlases (strength 0: the original foreground colours); the stylized composite (strength 1).
   */
  private static final Map<String, RenderParams> VIEW_PARAMS =
      Map.of(
          "original", new RenderParams("original", 1.0),
          "reconstruction", new RenderParams("reconstruction", 0.0),
          "composite", new RenderParams("composite", 1.0));

  /** The atlas layers, as the page names them. */
  static final List<String> LAYERS = List.of("foreground", "background");

  /**
   * {@code StylizedAtlasCache}'s loss history: {@code {"history": [{"total": …}, …], "seconds":
   * …}}.
   */
  static final String STYLIZE_HISTORY = "history.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final ContentCache cache;
  private final ArtifactKeys keys;
  private final Optional<ArtifactFrameRenderer> renderer;

  JobArtifacts(ContentCache cache, ArtifactKeys keys, Optional<ArtifactFrameRenderer> renderer) {
    this.cache = cache;
    this.keys = keys;
    this.renderer = renderer;
  }

  ArtifactSummary summary(Job job) throws IOException {
    Optional<CacheEntry> decomposition = decomposition(job);
    if (decomposition.isEmpty()) {
      return ArtifactSummary.NONE;
    }
    DecompositionReport r = report(decomposition.get());
    return new ArtifactSummary(
        true,
        stylized(job).isPresent() && renderer.isPresent(),
        r.frames(),
        r.width(),
        r.height(),
        Double.isFinite(r.meanPsnr()) ? r.meanPsnr() : null);
  }

  /** The finished job's loss curve, from its output entry; empty while the entry is missing. */
  Optional<LossCurve> reportedLosses(Job job) throws IOException {
    if (job.kind() == JobKind.STYLIZE) {
      Optional<CacheEntry> e = stylized(job);
      if (e.isEmpty()) {
        return Optional.empty();
      }
      JsonNode history = JSON.readTree(e.get().file(STYLIZE_HISTORY).toFile()).path("history");
      List<LossPoint> points = new ArrayList<>();
      for (int i = 0; i < history.size(); i++) {
        points.add(
            new LossPoint((i + 1.0) / history.size(), history.get(i).path("total").asDouble()));
      }
      return Optional.of(new LossCurve("report", "stylize", points));
    }
    Optional<CacheEntry> e = decomposition(job);
    if (e.isEmpty()) {
      return Optional.empty();
    }
    DecompositionReport r = report(e.get());
    double last = Math.max(1, r.iterations());
    List<LossPoint> points =
        r.lossCurve().stream().map(p -> new LossPoint(p.iteration() / last, p.total())).toList();
    return Optional.of(new LossCurve("report", "decompose", points));
  }

  /** The PNG file of a decomposition atlas ({@code foreground} or {@code background}). */
  Path atlas(Job job, String layer) throws IOException {
    CacheEntry e =
        decomposition(job)
            .orElseThrow(
                () ->
                    new InputException(
                        "job "
                            + job.id()
                            + ": its decomposition is not in the cache (not finished yet, or evicted)"));
    DecompositionReport r = report(e);
    Path file =
        e.file(
            layer.equals("foreground") ? r.foregroundAtlas().file() : r.backgroundAtlas().file());
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          "job " + job.id() + ": the " + layer + " atlas is missing from " + e.dir());
    }
    return file;
  }

  /** Frame {@code t} in one of {@link #VIEWS}, rendered at the working size, as PNG bytes. */
  byte[] view(Job job, int t, String view) throws Exception {
    CacheEntry d =
        decomposition(job)
            .orElseThrow(
                () ->
                    new InputException(
                        "job "
                            + job.id()
                            + ": its decomposition is not in the cache (not finished yet, or evicted)"));
    CacheEntry s =
        stylized(job)
            .orElseThrow(
                () ->
                    new InputException(
                        "job " + job.id() + ": before/after needs a finished stylize job"));
    ArtifactFrameRenderer r =
        renderer.orElseThrow(() -> new InputException("this build has no frame renderer"));
    DecompositionReport report = report(d);
    if (t < 0 || t >= report.frames()) {
      throw new InputException("frame: must lie in 0 … " + (report.frames() - 1) + ", got " + t);
    }
    int w = report.width();
    int h = report.height();
    FloatBuffer out =
        ByteBuffer.allocateDirect(w * h * 4 * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    r.render(d, s, t, VIEW_PARAMS.get(view), w, h, sourceFrame(d, t, w * h), out);
    float[] px = new float[w * h * 4];
    out.rewind().get(px);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ClipWriter.encodePng(new Frame(w, h, 4, px), png);
    return png.toByteArray();
  }

  /**
   * The source frame the decomposition was trained on, at the working size, as the renderer's
   * source: {@code [H·W·4]} float32 RGBA with alpha 1, from the entry's {@link
   * DecompositionEntry#FRAMES} ({@code [T][H·W·3]} RGB).
   */
  private static FloatBuffer sourceFrame(CacheEntry decomposition, int t, int pixels)
      throws IOException {
    float[] rgb = Float32Files.readLazily(decomposition.file(DecompositionEntry.FRAMES)).get(t);
    FloatBuffer rgba =
        ByteBuffer.allocateDirect(pixels * 4 * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    for (int p = 0; p < pixels; p++) {
      rgba.put(rgb[p * 3]).put(rgb[p * 3 + 1]).put(rgb[p * 3 + 2]).put(1f);
    }
    return rgba.rewind();
  }

  private Optional<CacheEntry> decomposition(Job job) {
    return cache.find(keys.decomposition(job.spec()));
  }

  private Optional<CacheEntry> stylized(Job job) {
    return job.kind() == JobKind.STYLIZE ? cache.find(keys.stylized(job.spec())) : Optional.empty();
  }

  private static DecompositionReport report(CacheEntry e) throws IOException {
    return JSON.readValue(e.file(DecompositionFiles.REPORT).toFile(), DecompositionReport.class);
  }
}
