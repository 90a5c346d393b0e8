package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.cache.CacheKey;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.jobs.ClipStore;

/**
 * {@code styleatlas artifacts list/evict} on a cache holding a clip decomposed by {@code styleatlas
 * render} with this engine's settings (the tiny test pipeline's, as system properties, so {@code
 * --clip} finds its decomposition's address) and an extra entry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArtifactsCommandTest {
  @TempDir static Path dir;

  private static TinyEngineSettings engineSettings;

  @BeforeAll
  static void decompose() throws Exception {
    engineSettings = TinyEngineSettings.apply(dir);
    GeneratedClipFiles.write(dir, 64, 36, 4);
    CapturedCli cli = new CapturedCli();
    int code =
        cli.run(
            "render",
            dir.resolve("frames").toString(),
            "--matte",
            dir.resolve("masks").toString(),
            "--out",
            dir.resolve("out").toString(),
            "--cache",
            cache().toString());
    assertEquals(ExitCodes.OK, code, cli.err());
  }

  @AfterAll
  static void clearSettings() {
    engineSettings.close();
  }

  private static Path cache() {
    return dir.resolve("cache");
  }

  private static JsonNode list() throws Exception {
    CapturedCli cli = new CapturedCli();
    assertEquals(
        ExitCodes.OK, cli.run("artifacts", "list", "--json", "--cache", cache().toString()));
    return new ObjectMapper().readTree(cli.out());
  }

  private static List<String> kinds(JsonNode list) {
    List<String> kinds = new ArrayList<>();
    list.forEach(a -> kinds.add(a.get("kind").asText()));
    return kinds;
  }

  @Test
  void listsTheClipAndItsDecompositionAsTableAndJson() throws Exception {
    JsonNode all = list();
    assertTrue(kinds(all).containsAll(List.of("clip", "decomposition")), all.toString());
    JsonNode first = all.get(0);
    assertEquals(64, first.get("hash").asText().length());
    assertTrue(first.get("bytes").asLong() > 0);

    CapturedCli cli = new CapturedCli();
    assertEquals(ExitCodes.OK, cli.run("artifacts", "list", "--cache", cache().toString()));
    String shortKey = "decomposition/" + hashOf(all, "decomposition").substring(0, 12);
    assertTrue(cli.out().contains(shortKey), cli.out());
    assertTrue(cli.out().contains(all.size() + " artifacts, "), cli.out());
  }

  @Test
  void evictsOneByKeyPrefixAndRejectsUnknownAndMalformedKeys() throws Exception {
    ContentCache c = new ContentCache(cache(), Long.MAX_VALUE);
    CacheKey extra = new CacheKey("flow", "ab".repeat(32));
    c.getOrCreate(extra, d -> java.nio.file.Files.writeString(d.resolve("x"), "x"));

    CapturedCli cli = new CapturedCli();
    assertEquals(
        ExitCodes.OK,
        cli.run("artifacts", "evict", "flow/ababab", "--cache", cache().toString()),
        cli.err());
    assertTrue(cli.out().contains("evicted 1 artifacts"), cli.out());
    assertTrue(c.find(extra).isEmpty());

    CapturedCli missing = new CapturedCli();
    assertEquals(
        ExitCodes.BAD_INPUT,
        missing.run("artifacts", "evict", "flow/ababab", "--cache", cache().toString()));
    assertTrue(missing.err().contains("not in the cache"), missing.err());
    CapturedCli malformed = new CapturedCli();
    assertEquals(
        ExitCodes.BAD_INPUT,
        malformed.run("artifacts", "evict", "flow-abc", "--cache", cache().toString()));
    assertTrue(malformed.err().contains("expected KIND/HASH"), malformed.err());
  }

  @Test
  @Order(Integer.MAX_VALUE) // removes what the others look at
  void evictsAClipWithItsDecomposition() throws Exception {
    ContentCache c = new ContentCache(cache(), Long.MAX_VALUE);
    String clip = new ClipStore(c).all().get(0).id();
    CapturedCli cli = new CapturedCli();
    assertEquals(
        ExitCodes.OK,
        cli.run(
            "artifacts", "evict", "--clip", clip.substring(0, 10), "--cache", cache().toString()),
        cli.err());
    List<String> left = kinds(list());
    assertFalse(left.contains("clip"), left.toString());
    assertFalse(left.contains("decomposition"), left.toString());
    assertTrue(cli.out().contains("evicted 2 artifacts"), cli.out());
  }

  @Test
  void olderThanParsesUnitsAndSelectsByAge() {
    assertEquals(Duration.ofDays(7), ArtifactsCommand.age("7d"));
    assertEquals(Duration.ofMinutes(90), ArtifactsCommand.age("90m"));
    CapturedCli cli = new CapturedCli();
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run("artifacts", "evict", "--older-than", "7 weeks", "--cache", cache().toString()));
    assertTrue(cli.err().contains("--older-than"), cli.err());
    CapturedCli none = new CapturedCli();
    assertEquals(
        ExitCodes.OK,
        none.run("artifacts", "evict", "--older-than", "1d", "--cache", cache().toString()),
        none.err());
    assertTrue(none.out().contains("evicted 0 artifacts"), none.out());
  }

  private static String hashOf(JsonNode all, String kind) {
    for (JsonNode a : all) {
      if (a.get("kind").asText().equals(kind)) {
        return a.get("hash").asText();
      }
    }
    throw new AssertionError("no " + kind + " in " + all);
  }
}
