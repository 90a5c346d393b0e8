package org.styleatlas.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.jobs.DecomposeSettings;
import org.styleatlas.engine.jobs.JobKind;
import org.styleatlas.engine.jobs.JobPriority;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.jobs.StyleSettings;
import org.styleatlas.engine.pipeline.ArtifactRecipe;
import org.styleatlas.engine.pipeline.FileFrameHash;
import org.styleatlas.engine.pipeline.PipelineSettings;
import org.styleatlas.engine.pipeline.StylizeOptions;
import org.styleatlas.engine.stylize.scene.Scenes;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.Matte;

/**
 * The studio's one recipe of identities: a frame read from a file hashes like the same frame sent
 * by the plug-in; the CLI's flags and the plug-in's parameters that mean the same fine-tuning
 * resolve alike; the CLIP model and the engine's decomposition settings are part of the addresses;
 * artifacts list and evict.
 */
class StudioKeysTest {
  private static final String CLIP = "a".repeat(64);

  @TempDir Path dir;

  @Test
  void aFrameReadFromAFileHashesLikeThePluginsPlanes() {
    int w = 3;
    int h = 2;
    float[] rgb = new float[w * h * 3];
    float[] rgba = new float[w * h * 4];
    float[] matte = new float[w * h];
    for (int p = 0; p < w * h; p++) {
      for (int c = 0; c < 3; c++) {
        rgb[p * 3 + c] = (p * 40 + c * 7) / 255f;
        rgba[p * 4 + c] = rgb[p * 3 + c];
      }
      rgba[p * 4 + 3] = 1f;
      matte[p] = p % 2 == 0 ? 1f : 0f;
    }
    Frame file = new Frame(w, h, 3, rgb);
    FramePixels plugin = new FramePixels(w, h, bytes(rgba), bytes(matte), null);
    FileFrameHash withMatte = new FileFrameHash(file);
    withMatte.matte(new Matte(w, h, matte));
    assertEquals(
        FrameHashes.of(plugin, "clip"),
        withMatte.finish("clip"),
        "RGB file + matte file = RGBA + matte plane");
    assertEquals(
        FrameHashes.of(new FramePixels(w, h, bytes(rgba), null, null), "alpha"),
        new FileFrameHash(file).finish("alpha"),
        "no matte plane");
    assertNotEquals(
        FrameHashes.of(plugin, "clip"), FrameHashes.of(plugin, "box"), "the matte source counts");
  }

  @Test
  void theClipsFlagsAndThePluginsParamsThatMeanTheSameResolveAlike() {
    StyleFlags cli =
        new StyleFlags(
            "draft", null, 3, null, null, null, 4, false, List.of(), 1.0, 1.0, false, false, 0);
    StyleSettings plugin =
        new StyleSettings("a swan made of gold", "", "", 4, "draft", 3, 0, 1, 1, 1, 1, false);
    assertEquals(
        StylizeOptions.of(plugin).resolve(mode -> true).toString(),
        cli.resolve(Scenes.demo()).toString());
    StyleFlags other =
        new StyleFlags(
            "draft", null, 4, null, null, null, 4, false, List.of(), 1.0, 1.0, false, false, 0);
    assertNotEquals(
        StylizeOptions.of(plugin).resolve(mode -> true).toString(),
        other.resolve(Scenes.demo()).toString());
  }

  @Test
  void theClipModelAndTheDecompositionSettingsArePartOfTheAddresses() throws Exception {
    Path a = Files.write(dir.resolve("model-a.pt"), new byte[10]);
    Path b = Files.write(dir.resolve("model-b.pt"), new byte[11]);
    JobSpec stylize =
        new JobSpec(
            JobKind.STYLIZE,
            JobPriority.BATCH,
            CLIP,
            null,
            null,
            DecomposeSettings.defaults(),
            new StyleSettings("gold", "", "", 4, "draft", 3, 0, 1, 1, 1, 1, false));
    ArtifactRecipe withA = recipe(a.toString(), "fast", 512);
    assertEquals(
        withA.stylized(stylize), recipe(a.toString(), "fast", 512).stylized(stylize), "one recipe");
    assertNotEquals(
        withA.stylized(stylize), recipe(b.toString(), "fast", 512).stylized(stylize), "CLIP model");
    assertEquals(
        withA.decomposition(stylize),
        recipe(b.toString(), "fast", 512).decomposition(stylize),
        "the decomposition does not depend on the CLIP model");
    assertNotEquals(
        withA.decomposition(stylize), recipe(a.toString(), "faithful", 512).decomposition(stylize));
    assertNotEquals(
        withA.decomposition(stylize), recipe(a.toString(), "fast", 384).decomposition(stylize));
    assertEquals(
        withA.decomposition(stylize),
        withA.decomposition(stylize.decomposition()),
        "a stylize job builds on the decompose job's output");
  }

  @Test
  void artifactsAreListedAndEvicted() throws Exception {
    ContentCache cache = new ContentCache(dir.resolve("cache"), 1L << 30);
    Studio studio =
        Studio.local(
            cache, new PipelineSettings("ViT-B-32", DecompositionConfig.of("fast"), 512, 1L << 20));
    CacheKey key = new CacheKey("stylized-atlas", "b".repeat(64));
    cache.getOrCreate(key, d -> Files.writeString(d.resolve("history.json"), "{}"));
    String whole = "stylized-atlas/" + "b".repeat(64);
    Optional<Artifact> listed =
        studio.artifacts().stream().filter(x -> x.key().equals(whole)).findFirst();
    assertTrue(listed.isPresent(), "listed: " + studio.artifacts());
    assertTrue(listed.get().bytes() > 0);
    assertEquals("stylized-atlas/bbbbbbbbbbbb", listed.get().shortKey());
    assertEquals(listed.get(), studio.evict("stylized-atlas/bbbbbbbb"));
    assertFalse(studio.artifacts().stream().anyMatch(x -> x.key().equals(whole)), "evicted");
    assertTrue(cache.find(key).isEmpty());
  }

  private static ArtifactRecipe recipe(String clipModel, String preset, int longEdge) {
    return new ArtifactRecipe(
        new PipelineSettings(clipModel, DecompositionConfig.of(preset), longEdge, 1L << 20));
  }

  private static ByteBuffer bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.nativeOrder());
    b.asFloatBuffer().put(v);
    return b;
  }
}
