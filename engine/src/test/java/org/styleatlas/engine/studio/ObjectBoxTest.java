package org.styleatlas.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.InputException;

/** {@code --box}: pixels of a frame, or normalised as the plug-in's Box parameters. */
class ObjectBoxTest {

  @Test
  void wholeNumbersArePixelsOfTheSourceFrame() {
    ObjectBox b = ObjectBox.parse("--box", " 10, 20,110,220@7");
    assertEquals(new ObjectBox(10, 20, 110, 220, true, 7), b);
    assertEquals(List.of(0.025, 0.05, 0.275, 0.55), b.normalisedOn(400, 400));
    assertEquals(0, ObjectBox.parse("--box", "1,2,3,4").frame());
  }

  @Test
  void decimalsAreNormalisedAndKeptAsTheyAre() {
    ObjectBox b = ObjectBox.parse("--box", "0.1,0.2,0.9,0.8");
    assertEquals(List.of(0.1, 0.2, 0.9, 0.8), b.normalisedOn(854, 480));
  }

  @Test
  void badBoxesNameTheOptionAndWhatIsWrong() {
    for (String bad :
        List.of(
            "10,20,110", "a,b,c,d", "10,20,5,220", "1,2,3,4@x", "1,2,3,4@1@2", "0.1,0.2,1.5,0.9")) {
      InputException e =
          assertThrows(InputException.class, () -> ObjectBox.parse("--box", bad), bad);
      assertTrue(e.getMessage().startsWith("--box: "), e.getMessage());
    }
    InputException outside =
        assertThrows(
            InputException.class,
            () -> ObjectBox.parse("--box", "0,0,500,10").normalisedOn(384, 216));
    assertTrue(outside.getMessage().contains("384x216"), outside.getMessage());
  }
}
