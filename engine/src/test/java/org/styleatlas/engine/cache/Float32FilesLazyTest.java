package org.styleatlas.engine.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Float32Files#readLazily}: the same arrays as {@link Float32Files#read}, one per {@code
 * get}.
 */
class Float32FilesLazyTest {

  @Test
  void readsEachArrayOnRequestAndChecksTheLength(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("maps.f32");
    List<float[]> arrays =
        List.of(new float[] {1, 2, 3}, new float[] {-4, 5.5f, Float.NaN}, new float[] {7, 8, 9});
    Float32Files.write(file, arrays);
    List<float[]> lazy = Float32Files.readLazily(file);
    assertEquals(3, lazy.size());
    for (int i = 2; i >= 0; i--) {
      assertArrayEquals(arrays.get(i), lazy.get(i));
    }
    assertThrows(IndexOutOfBoundsException.class, () -> lazy.get(3));

    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
    IOException e = assertThrows(IOException.class, () -> Float32Files.readLazily(file));
    assertTrue(e.getMessage().contains("maps.f32"), e.getMessage());
  }

  /**
   * Arrays longer than the 16,384-float piece it reads at a time come back whole, at the right
   * offsets.
   */
  @Test
  void readsArraysLongerThanOnePiece(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("long.f32");
    int len = 3 * 16_384 + 123;
    List<float[]> arrays = new java.util.ArrayList<>();
    for (int a = 0; a < 3; a++) {
      float[] v = new float[len];
      for (int k = 0; k < len; k++) {
        v[k] = a * 1_000_000f + k;
      }
      arrays.add(v);
    }
    Float32Files.write(file, arrays);
    List<float[]> lazy = Float32Files.readLazily(file);
    for (int a = 2; a >= 0; a--) {
      assertArrayEquals(arrays.get(a), lazy.get(a));
    }
  }
}
