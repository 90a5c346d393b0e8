package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.video.ClipWriter;
import org.styleatlas.engine.video.FaststartMp4;
import org.styleatlas.engine.video.Frame;
import org.styleatlas.engine.video.OutputFormat;

/**
 * The bad-input corpus (src/test/resources/bad-input/cases.tsv) run against the assembled CLI: each
 * case exits with its code and one line naming the problem, without a Java stack trace (#19).
 */
class BadInputCorpusIT {
  private static final String CASES = "/bad-input/cases.tsv";

  @TempDir static Path dir;

  /** One line of the corpus. */
  record Case(String name, List<String> args, int exit, String fragment) {}

  @BeforeAll
  static void prepareFiles() throws IOException {
    GeneratedClipFiles.write(dir, 64, 36, 3);
    Files.writeString(dir.resolve("notes.txt"), "a line of text\n".repeat(400));
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(dir.resolve("a-file"), "not a folder");
    Path shortMatte = Files.createDirectories(dir.resolve("short-matte"));
    try (Stream<Path> masks = Files.list(dir.resolve("masks"))) {
      Path first = masks.sorted().findFirst().orElseThrow();
      Files.copy(first, shortMatte.resolve(first.getFileName()));
    }
    badTokenFiles();
    Path mp4 = dir.resolve("good.mp4");
    List<Frame> frames = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      float[] px = new float[64 * 48 * 3];
      Arrays.fill(px, t / 6f);
      frames.add(new Frame(64, 48, 3, px));
    }
    ClipWriter.write(frames, 24, mp4, OutputFormat.H264_MP4);
    byte[] whole = Files.readAllBytes(mp4);
    Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length / 2));
    FaststartMp4.truncate(
        FaststartMp4.write(dir.resolve("faststart.mp4"), 24),
        0.05,
        dir.resolve("cut-faststart.mp4"));
  }

  /**
   * {@code token-<kind>.json}: a host config with TCP on whose token file is bad in one way
   * (#19.7), each with its own runtime folder.
   */
  private static void badTokenFiles() throws IOException {
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    byte[] garbage = new byte[64];
    Arrays.fill(garbage, (byte) 0xfe);
    Map<String, Path> files =
        Map.of(
            "garbage", Files.write(tokens.resolve("token-garbage"), garbage),
            "open", Files.writeString(tokens.resolve("token-open"), "a".repeat(64)),
            "short", Files.writeString(tokens.resolve("token-short"), "abc"),
            "folder", Files.createDirectories(tokens.resolve("token-folder")));
    for (Map.Entry<String, Path> f : files.entrySet()) {
      if (!f.getKey().equals("folder")) {
        Files.setPosixFilePermissions(
            f.getValue(),
            PosixFilePermissions.fromString(f.getKey().equals("open") ? "rw-r--r--" : "rw-------"));
      }
      Files.writeString(
          dir.resolve("token-" + f.getKey() + ".json"),
          String.format(
              "{\"runtime\": {\"dir\": \"%s\"}, \"state\": {\"dir\": \"%s\"},"
                  + " \"tcp\": {\"enabled\": true, \"bridgePort\": 0, \"httpPort\": 0,"
                  + " \"tokenFile\": \"%s\"}}",
              dir.resolve("run-" + f.getKey()), dir.resolve("state-" + f.getKey()), f.getValue()));
    }
  }

  static List<Case> cases() throws IOException {
    try (InputStream in = BadInputCorpusIT.class.getResourceAsStream(CASES)) {
      List<Case> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t");
        List<String> args =
            Arrays.stream(c[1].split(" ")).map(a -> a.replace("{dir}", dir.toString())).toList();
        out.add(
            new Case(c[0], args, Integer.parseInt(c[2]), c[3].replace("{dir}", dir.toString())));
      }
      return out;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCaseFailsWithItsCodeAndOneLine() throws IOException {
    Path launcher =
        Path.of(System.getProperty("styleatlas.dist", "target/styleatlas"))
            .resolve("bin/styleatlas");
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      List<String> command = new ArrayList<>(List.of(launcher.toString()));
                      command.addAll(c.args());
                      ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
                      b.environment().put("STYLEATLAS_JAVA_OPTS", "-Xmx1g");
                      b.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
                      Process p = b.start();
                      p.getOutputStream().close();
                      String output =
                          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                      assertTrue(p.waitFor(120, TimeUnit.SECONDS), c.name() + " did not finish");
                      assertEquals(c.exit(), p.exitValue(), c.name() + ":\n" + output);
                      assertTrue(
                          output.contains(c.fragment()),
                          c.name() + ": '" + c.fragment() + "' in:\n" + output);
                      assertFalse(
                          output.contains("\tat ") || output.contains("Exception in thread"),
                          c.name() + ": no Java stack trace:\n" + output);
                    }));
  }
}
