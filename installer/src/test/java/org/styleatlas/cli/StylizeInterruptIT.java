package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupting {@code styleatlas stylize} (SIGTERM; Ctrl-C takes the same path) on the assembled
 * runtime, on the embedded demo clip with the fixture CLIP: fine-tuning stops at the next
 * iteration, keeps its checkpoint under {@code <cache>/work/<stylized key>/} and says so, and the
 * same command resumes from it.
 */
class StylizeInterruptIT {
  private static final Path FIXTURE =
      Path.of(
              "..",
              "engine",
              "src",
              "test",
              "resources",
              "org",
              "styleatlas",
              "engine",
              "clipmodel",
              "clip-fixture-openai.pt")
          .toAbsolutePath();

  /** The fine-tuning progress bar. */
  private static final String TRAINING = "\rstylize ";

  private static final Pattern RESUMED =
      Pattern.compile("resuming stylization from checkpoint .* at iteration (\\d+)");

  @TempDir static Path dir;

  @Test
  void anInterruptedStylizationKeepsItsCheckpointAndTheSameCommandResumes() throws Exception {
    DecomposeInterruptIT.Run first =
        DecomposeInterruptIT.Run.start(command(), dir.resolve("first.log"));
    first.awaitOutput(TRAINING);
    Thread.sleep(4000); // tiny views: well past the first checkpoint (iteration 25)
    first.process().destroy();
    assertTrue(
        first.process().waitFor(90, TimeUnit.SECONDS),
        "stops within the grace:\n" + first.output());
    assertEquals(
        128 + 15,
        first.process().exitValue(),
        "the JVM exits with SIGTERM's status:\n" + first.output());
    assertTrue(
        first.output().contains("interrupted: stylization cancelled at iteration"), first.output());
    Path checkpoint;
    try (Stream<Path> files =
        Files.find(
            dir.resolve("cache/work"),
            2,
            (p, a) -> p.getFileName().toString().equals("checkpoint.bin"))) {
      checkpoint =
          files.findFirst().orElseThrow(() -> new AssertionError("no checkpoint was kept"));
    }
    assertTrue(first.output().contains("the same run resumes from " + checkpoint), first.output());

    DecomposeInterruptIT.Run second =
        DecomposeInterruptIT.Run.start(command(), dir.resolve("second.log"));
    String resumed = second.awaitOutput(RESUMED.pattern());
    second.process().destroy();
    assertTrue(second.process().waitFor(90, TimeUnit.SECONDS), second.output());
    Matcher m = RESUMED.matcher(resumed);
    assertTrue(m.find(), resumed);
    assertTrue(Integer.parseInt(m.group(1)) > 0, "resumes past iteration 0: " + m.group());
  }

  private static List<String> command() {
    Path dist = Path.of(System.getProperty("styleatlas.dist", "target/styleatlas"));
    return List.of(
        dist.resolve("bin/styleatlas").toString(),
        "stylize",
        "--prompt",
        "a swan made of gold",
        "--clip-model",
        FIXTURE.toString(),
        "--preset",
        "draft",
        "--iterations",
        "100000",
        "--views",
        "1,1",
        "--view-size",
        "24",
        "--cache",
        dir.resolve("cache").toString(),
        "--out",
        dir.resolve("out").toString());
  }
}
