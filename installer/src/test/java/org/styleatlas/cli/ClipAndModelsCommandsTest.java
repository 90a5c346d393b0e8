package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code styleatlas clip tokenize} and {@code styleatlas models list|import}, without DJL or network. */
class ClipAndModelsCommandsTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = StyleAtlasCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void tokenizePrintsIds() {
    assertEquals(ExitCodes.OK, run("clip", "tokenize", "a photo of a cat"));
    assertTrue(out.toString().startsWith("49406 320 1125 539 320 2368 49407"), out.toString());
    assertTrue(out.toString().contains("7 of 77 tokens"), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void tokenizeWarnsWhenTruncated() {
    assertEquals(ExitCodes.OK, run("clip", "tokenize", String.join(" ", Collections.nCopies(200, "swan"))));
    assertTrue(out.toString().contains("77 of 77 tokens"), out.toString());
    assertTrue(err.toString().contains("warning: the prompt has 200 tokens; CLIP reads only the first 75"),
        err.toString());
  }

  @Test
  void listAndImportUnderAName() throws Exception {
    Path file = Files.writeString(dir.resolve("mine.pt"), "stand-in model bytes");
    Path models = dir.resolve("models");
    assertEquals(ExitCodes.BAD_INPUT, run("models", "import", file.toString(), "--models-dir", models.toString()));
    assertTrue(err.toString().contains("--as NAME"), err.toString());

    assertEquals(ExitCodes.OK, run("models", "import", file.toString(), "--as", "mine", "--models-dir",
        models.toString()));
    assertTrue(Files.isRegularFile(models.resolve("mine.pt")));

    assertEquals(ExitCodes.OK, run("models", "list", "--models-dir", models.toString()));
    String listing = out.toString();
    assertTrue(listing.contains("ViT-B-32") && listing.contains("styleatlas models fetch ViT-B-32"), listing);
    assertTrue(listing.contains("mine") && listing.contains("imported"), listing);
  }

  @Test
  void parentCommandsNeedASubcommand() {
    assertEquals(CommandLine.ExitCode.USAGE, run("models"));
    assertTrue(err.toString().contains("Missing required subcommand"), err.toString());
  }

  @Test
  void fetchOfAnUnknownNameIsBadInput() {
    assertEquals(ExitCodes.BAD_INPUT, run("models", "fetch", "ViT-Z-99", "--models-dir", dir.toString()));
    assertTrue(err.toString().contains("unknown model; known: ViT-B-32, ViT-L-14"), err.toString());
  }
}
