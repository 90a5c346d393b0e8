package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Float32Files}' checks: arrays of different lengths, a flipped bit found by the record's
 * checksum (eagerly and lazily) and by the header's, the earlier headerless layout still read, and
 * the byte-for-byte content comparison behind frame recognition.
 */
class Float32FilesFormatTest {
  private static final List<float[]> ARRAYS =
      List.of(new float[] {1, 2, 3}, new float[0], new float[] {-4, 5.5f});

  @TempDir Path dir;

  @Test
  void arraysOfAnyLengthReadBack() throws IOException {
    Path file = dir.resolve("any.f32");
    try (Float32Files.Appender out = Float32Files.append(file, ARRAYS.size())) {
      for (float[] a : ARRAYS) {
        out.add(a);
      }
      out.commit();
    }
    List<float[]> read = Float32Files.read(file);
    assertEquals(3, read.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(ARRAYS.get(i), read.get(i));
      assertArrayEquals(ARRAYS.get(i), Float32Files.readLazily(file).get(i));
    }
  }

  @Test
  void aFlippedBitInARecordOrTheHeaderIsReportedNotReturned() throws IOException {
    Path file = dir.resolve("flip.f32");
    Float32Files.write(file, List.of(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}));
    byte[] bytes = Files.readAllBytes(file);
    bytes[16 + 4 + 4 * 4 + 4 + 4 + 5] ^= 0x10; // the second record's second float
    Files.write(file, bytes);
    IOException e = assertThrows(IOException.class, () -> Float32Files.read(file));
    assertTrue(e.getMessage().contains("checksum mismatch in record 1"), e.getMessage());
    List<float[]> lazy = Float32Files.readLazily(file);
    assertArrayEquals(new float[] {1, 2, 3, 4}, lazy.get(0), "the intact record still reads");
    assertThrows(UncheckedIOException.class, () -> lazy.get(1));

    Float32Files.write(file, List.of(new float[] {1}));
    bytes = Files.readAllBytes(file);
    bytes[5] ^= 0x01; // the count
    Files.write(file, bytes);
    e = assertThrows(IOException.class, () -> Float32Files.read(file));
    assertTrue(e.getMessage().contains("header checksum"), e.getMessage());
  }

  @Test
  void theEarlierHeaderlessLayoutIsStillRead() throws IOException {
    Path file = dir.resolve("legacy.f32");
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(2).putInt(2).putFloat(1).putFloat(2).putFloat(3).putFloat(4);
    Files.write(file, b.array());
    List<float[]> read = Float32Files.read(file);
    assertArrayEquals(new float[] {1, 2}, read.get(0));
    assertArrayEquals(new float[] {3, 4}, read.get(1));
    Files.write(file, java.util.Arrays.copyOf(b.array(), 20));
    assertThrows(IOException.class, () -> Float32Files.read(file), "a cut legacy file is refused");
  }

  @Test
  void matchesComparesTheStoredFloatsByteForByte() throws IOException {
    Path file = dir.resolve("frame.f32");
    float[] pixels = {0.25f, 0.5f, 0.75f, 1f, 0f, -0f};
    Float32Files.write(file, List.of(pixels));
    ByteBuffer same = ByteBuffer.allocateDirect(4 * pixels.length).order(ByteOrder.LITTLE_ENDIAN);
    same.asFloatBuffer().put(pixels);
    assertTrue(Float32Files.matches(file, 0, same));
    assertEquals(0, same.position(), "the buffer is not consumed");
    ByteBuffer other = ByteBuffer.allocate(4 * pixels.length).order(ByteOrder.LITTLE_ENDIAN);
    other.asFloatBuffer().put(pixels).put(5, 0f); // -0 → +0: one bit apart
    assertFalse(Float32Files.matches(file, 0, other));
    assertFalse(
        Float32Files.matches(file, 0, ByteBuffer.allocate(8)), "another length never matches");
  }
}
