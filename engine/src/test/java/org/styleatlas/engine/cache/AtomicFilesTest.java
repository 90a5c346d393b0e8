package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails half-way (the disk fills up) leaves the earlier output as it was, no temporary
 * file, and an error that names the output and the cause.
 */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aStreamWriteThatRunsOutOfSpaceKeepsTheOldFile() throws IOException {
    Path target = dir.resolve("report.json");
    Files.writeString(target, "old");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(new byte[100_000]);
                      throw new IOException("No space left on device");
                    }));
    assertFailedCleanly(target, e);
  }

  @Test
  void aNativeWriterThatRunsOutOfSpaceKeepsTheOldFile() throws IOException {
    Path target = dir.resolve("out.mp4");
    Files.writeString(target, "old");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.replace(
                    target,
                    tmp -> {
                      Files.write(tmp, new byte[100_000]);
                      throw new IOException("No space left on device");
                    }));
    assertFailedCleanly(target, e);
  }

  @Test
  void anOutputWrittenPieceByPieceAppearsOnlyAtItsCommit() throws IOException {
    Path target = dir.resolve("maps.f32");
    Files.writeString(target, "old");
    try (AtomicOutput out = AtomicOutput.open(target)) {
      out.stream().write("new ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.stream().write(new byte[100_000]);
      assertEquals("old", Files.readString(target), "the target is untouched before the commit");
    }
    assertEquals("old", Files.readString(target), "an output closed without a commit is abandoned");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "temporary files left behind");
    }
    try (AtomicOutput out = AtomicOutput.open(target)) {
      out.stream().write("new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.commit();
      assertThrows(IllegalStateException.class, out::commit);
    }
    assertEquals("new", Files.readString(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "temporary files left behind");
    }
  }

  @Test
  void aNewFileGetsTheUmasksModeNotATempFilesPrivateOne() throws IOException {
    Path target = dir.resolve("frame.png");
    AtomicFiles.write(target, out -> out.write(1));
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
    Path plain = Files.write(dir.resolve("plain"), new byte[1]);
    assertEquals(Files.getPosixFilePermissions(plain), mode);
  }

  private void assertFailedCleanly(Path target, IOException e) throws IOException {
    assertEquals("old", Files.readString(target));
    assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertTrue(e.getMessage().contains("unchanged"), e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "temporary files left behind");
    }
  }
}
