package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.JobRunners;

/**
 * #19.7: a bad TCP token file stops the host with one {@link InputException} naming the file and
 * what is wrong (the CLI's exit code 2), and leaves no socket behind; a good one is read as it
 * stands.
 */
class BadTokenFileTest {
  @TempDir Path dir;

  private Path token(String name, byte[] content, String mode) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, content);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  private static String refused(Path file) {
    InputException e = assertThrows(InputException.class, () -> TokenFile.loadOrCreate(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void garbageBytesAreRefusedWithTheFileAndTheByte() throws IOException {
    byte[] garbage = new byte[64];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (0x80 + i);
    }
    String m = refused(token("garbage", garbage, "rw-------"));
    assertTrue(m.contains("0x80") && m.contains("visible ASCII"), m);
  }

  @Test
  void aTokenWithASpaceOrTwoLinesIsRefused() throws IOException {
    String half = "a".repeat(20);
    assertTrue(
        refused(
                token(
                    "spaced", (half + " " + half).getBytes(StandardCharsets.US_ASCII), "rw-------"))
            .contains("0x20"));
    assertTrue(
        refused(
                token(
                    "lines", (half + "\n" + half).getBytes(StandardCharsets.US_ASCII), "rw-------"))
            .contains("0x0a"));
  }

  @Test
  void aShortOrEmptyTokenIsRefused() throws IOException {
    assertTrue(refused(token("empty", new byte[0], "rw-------")).contains("at least 32"));
    assertTrue(
        refused(token("short", "abc\n".getBytes(StandardCharsets.US_ASCII), "rw-------"))
            .contains("got 3"));
  }

  @Test
  void aTokenFileOthersMayReadIsRefused() throws IOException {
    String m =
        refused(token("open", "b".repeat(64).getBytes(StandardCharsets.US_ASCII), "rw-r--r--"));
    assertTrue(m.contains("mode 0600") && m.contains("rw-r--r--"), m);
  }

  @Test
  void aFolderIsNotATokenFile() throws IOException {
    assertTrue(
        refused(Files.createDirectories(dir.resolve("folder"))).contains("not a regular file"));
  }

  @Test
  void aGoodTokenIsReadWithoutItsNewline() throws IOException {
    String t = "c".repeat(64);
    TokenFile f = TokenFile.loadOrCreate(token("good", (t + "\n").getBytes(), "rw-------"));
    assertTrue(f.matches(t));
    assertFalse(f.matches(t + "x"));
  }

  @Test
  void theHostDoesNotStartOnAGarbageTokenAndSaysWhy() throws IOException {
    HostConfig config = TestHost.config(dir, true);
    Path bad = config.tcp().tokenFile();
    Files.createDirectories(bad.getParent());
    Files.write(bad, new byte[] {(byte) 0xff, 0, 1, 2});
    Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
    InputException e =
        assertThrows(
            InputException.class,
            () -> EngineHost.start(config, JobRunners.none()).ifPresent(EngineHost::close));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertFalse(Files.exists(config.bridgeSocket()), "no socket left behind");
  }
}
