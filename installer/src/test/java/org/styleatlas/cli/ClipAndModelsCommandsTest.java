package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code styleatlas clip tokenize} and {@code styleatlas models list|import}, without DJL or
 * network.
 */
class ClipAndModelsCommandsTest {
  @TempDir Path dir;

  private final CapturedCli cli = new CapturedCli();

  @Test
  void tokenizePrintsIds() {
    assertEquals(ExitCodes.OK, cli.run("clip", "tokenize", "a photo of a cat"));
    assertTrue(cli.out().startsWith("49406 320 1125 539 320 2368 49407"), cli.out());
    assertTrue(cli.out().contains("7 of 77 tokens"), cli.out());
    assertEquals("", cli.err());
  }

  @Test
  void tokenizeWarnsWhenTruncated() {
    assertEquals(
        ExitCodes.OK,
        cli.run("clip", "tokenize", String.join(" ", Collections.nCopies(200, "swan"))));
    assertTrue(cli.out().contains("77 of 77 tokens"), cli.out());
    assertTrue(
        cli.err().contains("warning: the prompt has 200 tokens; CLIP reads only the first 75"),
        cli.err());
  }

  @Test
  void listAndImportUnderAName() throws Exception {
    Path file = Files.writeString(dir.resolve("mine.pt"), "stand-in model bytes");
    Path models = dir.resolve("models");
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run("models", "import", file.toString(), "--models-dir", models.toString()));
    assertTrue(cli.err().contains("--as NAME"), cli.err());

    assertEquals(
        ExitCodes.OK,
        cli.run(
            "models",
            "import",
            file.toString(),
            "--as",
            "mine",
            "--models-dir",
            models.toString()));
    assertTrue(Files.isRegularFile(models.resolve("mine.pt")));

    assertEquals(ExitCodes.OK, cli.run("models", "list", "--models-dir", models.toString()));
    String listing = cli.out();
    assertTrue(
        listing.contains("ViT-B-32") && listing.contains("styleatlas models fetch ViT-B-32"),
        listing);
    assertTrue(listing.contains("mine") && listing.contains("imported"), listing);
  }

  @Test
  void parentCommandsNeedASubcommand() {
    assertEquals(CommandLine.ExitCode.USAGE, cli.run("models"));
    assertTrue(cli.err().contains("Missing required subcommand"), cli.err());
  }

  @Test
  void fetchOfAnUnknownNameIsBadInput() {
    assertEquals(
        ExitCodes.BAD_INPUT,
        cli.run("models", "fetch", "ViT-Z-99", "--models-dir", dir.toString()));
    assertTrue(cli.err().contains("unknown model; known: ViT-B-32, ViT-L-14"), cli.err());
  }
}
