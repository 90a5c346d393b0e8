package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.testing.SmallFileSystem;

/**
 * #19.1 fault test on the assembled CLI: a decomposition and a stylization write into a small
 * tmpfs, which is then filled; the same commands with other settings fail with exit 1 and one line
 * naming the file, and every earlier output and every cache entry is still there, byte for byte
 * (skipped with a message where mounting is not permitted).
 */
class FullDiskIT {
  /**
   * The free space left when the disk is "full": less than any output or cache entry written here.
   */
  private static final long LEAVE_BYTES = 32 * 1024;

  private static final Path CLIP_MODEL =
      Path.of(
          "../engine/src/test/resources/org/styleatlas/engine/clipmodel/clip-fixture-openai.pt");

  @TempDir static Path dir;

  @BeforeAll
  static void writeClip() throws IOException {
    GeneratedClipFiles.write(dir, 64, 36, 4);
  }

  /** Exit code and merged output of one run of the assembled CLI. */
  private record Run(int exit, String output) {}

  private static Run cli(String... args) throws IOException, InterruptedException {
    Path launcher =
        Path.of(System.getProperty("styleatlas.dist", "target/styleatlas"))
            .resolve("bin/styleatlas");
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().put("STYLEATLAS_JAVA_OPTS", "-Xmx1g");
    Process p = b.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished:\n" + out);
    return new Run(p.exitValue(), out);
  }

  /**
   * SHA-256 of every file below {@code root}, by relative path (the filler and scratch folders
   * aside).
   */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString();
        // The cache's scratch folders (.tmp, .locks) and checkpoints (work) come and go by design.
        if (!rel.equals("filler") && !rel.startsWith("cache/work/") && !rel.startsWith("cache/.")) {
          out.put(rel, sha256(f));
        }
      }
    }
    return out;
  }

  private static String sha256(Path f) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertFailedCleanly(Run r, Path root) {
    assertEquals(ExitCodes.FAILED, r.exit(), r.output());
    assertFalse(r.output().contains("\tat "), "no stack trace:\n" + r.output());
    assertTrue(
        r.output().lines().anyMatch(l -> l.startsWith("error: ") && l.contains(root.toString())),
        "one line naming a file on the full disk:\n" + r.output());
  }

  private static void assertKept(Map<String, String> before, Path root) throws IOException {
    Map<String, String> after = snapshot(root);
    for (Map.Entry<String, String> e : before.entrySet()) {
      assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " is kept byte for byte");
    }
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> temporaries =
          files
              .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".tmp"))
              .toList();
      assertEquals(List.of(), temporaries, "no temporary file left behind");
    }
  }

  @Test
  void aFullDiskKeepsOldOutputsAndTheCache() throws Exception {
    try (SmallFileSystem fs = SmallFileSystem.mount(dir, 48)) {
      Path root = fs.root();
      String[] decompose = {
        "decompose",
        dir.resolve("frames").toString(),
        "--matte",
        dir.resolve("masks").toString(),
        "--size",
        "64",
        "--iterations",
        "3",
        "--cache",
        root.resolve("cache").toString(),
        "--out",
        root.resolve("decomposition").toString()
      };
      Run first = cli(decompose);
      assertEquals(ExitCodes.OK, first.exit(), first.output());
      String[] stylize = {
        "stylize",
        "--prompt",
        "gold",
        "--preset",
        "draft",
        "--iterations",
        "2",
        "--clip-model",
        CLIP_MODEL.toAbsolutePath().normalize().toString(),
        "--cache",
        root.resolve("cache").toString(),
        "--out",
        root.resolve("stylized.mp4").toString()
      };
      Run styled = cli(stylize);
      assertEquals(ExitCodes.OK, styled.exit(), styled.output());
      Map<String, String> before = snapshot(root);
      assertTrue(
          before.containsKey("stylized.mp4")
              && before.containsKey("decomposition/reconstruction.mp4"),
          before.keySet().toString());

      fs.fill(LEAVE_BYTES);
      List<String> again = new ArrayList<>(List.of(decompose));
      again.addAll(
          List.of(
              "--seed",
              "9")); // another decomposition: cache entry, checkpoint and outputs to write
      assertFailedCleanly(cli(again.toArray(String[]::new)), root);
      assertKept(before, root);

      List<String> restyle = new ArrayList<>(List.of(stylize));
      restyle.addAll(
          List.of("--strength", "0.5")); // the cached stylization, rendered anew into the same file
      assertFailedCleanly(cli(restyle.toArray(String[]::new)), root);
      assertKept(before, root);
    }
  }
}
