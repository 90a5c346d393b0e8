package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The one checkpoint format: checksum, run key, kind, and what happens to a bad file. */
class CheckpointFileTest {
  @TempDir Path dir;

  private CheckpointFile saved(String key) throws IOException {
    CheckpointFile f =
        new CheckpointFile(dir.resolve("checkpoint.bin"), CheckpointFile.Kind.STYLIZATION, key);
    f.save(
        out -> {
          out.writeInt(42);
          out.writeUTF("payload");
        });
    return f;
  }

  @Test
  void aSavedPayloadReadsBack() throws IOException {
    DataInputStream in = saved("run").open().orElseThrow();
    assertEquals(42, in.readInt());
    assertEquals("payload", in.readUTF());
    assertEquals(-1, in.read(), "the checksum is not part of the payload");
  }

  @Test
  void anotherRunsCheckpointIsIgnoredButKept() throws IOException {
    saved("run-a");
    CheckpointFile b =
        new CheckpointFile(dir.resolve("checkpoint.bin"), CheckpointFile.Kind.STYLIZATION, "run-b");
    assertEquals(Optional.empty(), b.open());
    assertTrue(Files.exists(b.file()));
  }

  @Test
  void everySingleFlippedBitAndEveryTruncationIsRefusedAndSetAside() throws IOException {
    byte[] good = Files.readAllBytes(saved("run").file());
    Logger log = (Logger) LoggerFactory.getLogger(CheckpointFile.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    log.setAdditive(false); // some thousand WARN lines, counted here rather than printed
    try {
      int cases = 0;
      for (int i = 0; i < good.length * 8 + good.length; i++) {
        byte[] bad = i < good.length * 8 ? good.clone() : Arrays.copyOf(good, i - good.length * 8);
        if (i < good.length * 8) {
          bad[i / 8] ^= (byte) (1 << (i % 8));
        }
        CheckpointFile f =
            new CheckpointFile(
                dir.resolve("checkpoint.bin"), CheckpointFile.Kind.STYLIZATION, "run");
        Files.write(f.file(), bad);
        events.list.clear();
        Optional<DataInputStream> opened = f.open();
        assertTrue(opened.isEmpty(), "damage " + i + " is refused");
        {
          assertFalse(Files.exists(f.file()), "damage " + i + ": moved away");
          assertTrue(Files.exists(f.setAsideFile()), "damage " + i + ": set aside");
          List<ILoggingEvent> warn =
              events.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
          assertEquals(1, warn.size());
          assertTrue(
              warn.get(0).getFormattedMessage().contains(f.file().toString()), "names the file");
          cases++;
        }
      }
      assertEquals(good.length * 9, cases, "every flipped bit and every truncation is set aside");
    } finally {
      log.setAdditive(true);
      log.detachAppender(events);
    }
  }

  @Test
  void aDecompositionCheckpointIsNotReadAsAStylizationOne() throws IOException {
    saved("run");
    CheckpointFile d =
        new CheckpointFile(dir.resolve("checkpoint.bin"), CheckpointFile.Kind.DECOMPOSITION, "run");
    assertEquals(Optional.empty(), d.open());
    assertTrue(Files.exists(d.setAsideFile()));
  }
}
