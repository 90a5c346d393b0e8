package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Float32Files#append}: the file layout of {@link Float32Files#write} (header "SAF2", count,
 * 0, CRC-32C; per array its length, the floats and a CRC-32C; all little-endian), written one array
 * at a time, and nothing left behind when the producer fails.
 */
class Float32FilesAppendTest {
  private static final List<float[]> ARRAYS =
      List.of(
          new float[] {1, -2.5f, 3e-7f, Float.NaN},
          new float[] {Float.MAX_VALUE, 0, -0f, 4},
          new float[] {5, 6, 7, Float.NEGATIVE_INFINITY});

  @TempDir Path dir;

  @Test
  void appendedArraysGiveTheWholeListsBytes() throws IOException {
    assertAppendedBytes(ARRAYS, "short");
  }

  /** Arrays longer than the appender's 64 KiB conversion buffer, and not a multiple of it. */
  @Test
  void longArraysAreConvertedPieceByPieceToTheSameBytes() throws IOException {
    java.util.Random random = new java.util.Random(7);
    List<float[]> arrays = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      float[] a = new float[40_003];
      for (int j = 0; j < a.length; j++) {
        a[j] = (float) random.nextGaussian();
      }
      arrays.add(a);
    }
    assertAppendedBytes(arrays, "long");
  }

  private void assertAppendedBytes(List<float[]> arrays, String name) throws IOException {
    int length = arrays.get(0).length;
    Path file = dir.resolve(name + ".f32");
    try (Float32Files.Appender out = Float32Files.append(file, arrays.size(), length)) {
      for (float[] a : arrays) {
        out.add(a);
        assertFalse(Files.exists(file), "nothing visible before the commit");
      }
      out.commit();
    }
    ByteBuffer expected =
        ByteBuffer.allocate(16 + (8 + 4 * length) * arrays.size()).order(ByteOrder.LITTLE_ENDIAN);
    expected
        .put("SAF2".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .putInt(arrays.size())
        .putInt(0);
    expected.putInt(crc(expected.array(), 0, 12));
    arrays.forEach(
        a -> {
          int start = expected.position();
          expected.putInt(a.length);
          for (float v : a) {
            expected.putFloat(v);
          }
          expected.putInt(crc(expected.array(), start, expected.position() - start));
        });
    assertArrayEquals(expected.array(), Files.readAllBytes(file));
    Path whole = dir.resolve(name + "-whole.f32");
    Float32Files.write(whole, arrays);
    assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(file));
    List<float[]> read = Float32Files.read(file);
    for (int i = 0; i < arrays.size(); i++) {
      assertArrayEquals(arrays.get(i), read.get(i));
    }
  }

  private static int crc(byte[] bytes, int offset, int length) {
    java.util.zip.CRC32C c = new java.util.zip.CRC32C();
    c.update(bytes, offset, length);
    return (int) c.getValue();
  }

  @Test
  void aProducerThatFailsHalfWayLeavesNoFile() throws IOException {
    Path file = dir.resolve("maps.f32");
    IOException e =
        assertThrows(
            IOException.class,
            () -> {
              try (Float32Files.Appender out = Float32Files.append(file, ARRAYS.size(), 4)) {
                out.add(ARRAYS.get(0));
                out.add(ARRAYS.get(1));
                throw new IOException("evaluation failed");
              }
            });
    assertEquals("evaluation failed", e.getMessage());
    assertEmpty();
  }

  @Test
  void tooFewTooManyOrMisSizedArraysAreRefusedAndLeaveNoFile() throws IOException {
    Path file = dir.resolve("maps.f32");
    try (Float32Files.Appender out = Float32Files.append(file, 2, 4)) {
      out.add(ARRAYS.get(0));
      assertThrows(IllegalArgumentException.class, () -> out.add(new float[3]));
      assertThrows(IllegalStateException.class, out::commit, "one of two arrays");
      out.add(ARRAYS.get(1));
      assertThrows(IllegalStateException.class, () -> out.add(ARRAYS.get(2)));
    }
    assertEmpty();
  }

  private void assertEmpty() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList(), "no file and no temporary file left");
    }
  }
}
