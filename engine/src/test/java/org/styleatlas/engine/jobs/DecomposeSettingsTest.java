package org.styleatlas.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.cache.ContentHasher;
import org.styleatlas.engine.studio.ClipCollector;

/** The box counts only for a box matte: elsewhere it must not split clips or decompositions. */
class DecomposeSettingsTest {
  private static final List<Double> BOX = List.of(0.2, 0.1, 0.7, 0.9);

  @Test
  void aBoxLeftSetWithAnotherMatteSourceChangesNoAddress() {
    for (String source : List.of("clip", "alpha")) {
      DecomposeSettings plain = new DecomposeSettings(source, null);
      DecomposeSettings withBox = new DecomposeSettings(source, BOX, 7);
      assertEquals(plain, withBox, source);
      assertEquals(
          ClipCollector.collectionKey(64, 36, plain),
          ClipCollector.collectionKey(64, 36, withBox),
          source);
      assertEquals(hash(plain), hash(withBox), source);
    }
  }

  @Test
  void aBoxMatteIsAddressedByItsBoxAndFrame() {
    DecomposeSettings a = new DecomposeSettings("box", BOX, 0);
    assertNotEquals(hash(a), hash(new DecomposeSettings("box", BOX, 3)));
    assertNotEquals(hash(a), hash(new DecomposeSettings("box", List.of(0.2, 0.1, 0.7, 0.8), 0)));
    assertNotEquals(
        ClipCollector.collectionKey(64, 36, a),
        ClipCollector.collectionKey(64, 36, new DecomposeSettings("box", BOX, 3)));
  }

  @Test
  void anUnusedBoxIsNotCheckedButABoxMattesIs() {
    assertEquals(
        DecomposeSettings.FULL_FRAME,
        new DecomposeSettings("alpha", List.of(0.9, 0.9, 0.1, 0.1), 0).box());
    InputException e =
        assertThrows(
            InputException.class,
            () -> new DecomposeSettings("box", List.of(0.9, 0.9, 0.1, 0.1), 0));
    assertEquals("box: needs x0 < x1 and y0 < y1, got [0.9, 0.9, 0.1, 0.1]", e.getMessage());
  }

  private static String hash(DecomposeSettings s) {
    return s.putInto(new ContentHasher()).key("test").hash();
  }
}
