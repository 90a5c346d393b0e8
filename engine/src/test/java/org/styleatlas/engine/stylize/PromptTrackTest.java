package org.styleatlas.engine.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.stylize.PromptTrack.Key;
import org.styleatlas.engine.stylize.PromptTrack.Mix;

class PromptTrackTest {
  @TempDir Path dir;

  @Test
  void holdsThenBlendsOverTheTransitionThenHolds() {
    PromptTrack track =
        new PromptTrack(
            List.of(new Key(0, "gold", 0), new Key(10, "ice", 4), new Key(20, "glass", 0)));
    assertEquals(new Mix("gold", "gold", 0), track.at(0));
    assertEquals(new Mix("gold", "gold", 0), track.at(9));
    assertEquals(new Mix("gold", "ice", 0), track.at(10));
    assertEquals(new Mix("gold", "ice", 0.5), track.at(12));
    assertEquals(new Mix("ice", "ice", 0), track.at(14));
    assertEquals(new Mix("ice", "ice", 0), track.at(19));
    assertEquals(new Mix("glass", "glass", 0), track.at(20), "transition 0 cuts");
    assertEquals(List.of("gold", "ice", "glass"), track.prompts());
  }

  @Test
  void readsTheFileFormatAndTheBareArray() throws Exception {
    Path obj = dir.resolve("keys.json");
    Files.writeString(
        obj,
        "{\"keys\":[{\"frame\":0,\"prompt\":\" gold \"},{\"frame\":5,\"prompt\":\"ice\",\"transition\":5}]}");
    PromptTrack a = PromptTrack.read(obj);
    assertEquals(new Mix("gold", "ice", 0.4), a.at(7));
    Path arr = dir.resolve("arr.json");
    Files.writeString(
        arr,
        "[{\"frame\":0,\"prompt\":\"gold\"},{\"frame\":5,\"prompt\":\"ice\",\"transition\":5}]");
    assertEquals(a, PromptTrack.read(arr));
  }

  @Test
  void badTracksNameTheFileAndTheKey() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(
        f,
        "[{\"frame\":0,\"prompt\":\"gold\",\"transition\":10},{\"frame\":5,\"prompt\":\"ice\"}]");
    InputException e = assertThrows(InputException.class, () -> PromptTrack.read(f));
    assertTrue(
        e.getMessage().startsWith(f.toString()) && e.getMessage().contains("key 2 (frame 5)"),
        e.getMessage());
    Files.writeString(f, "[{\"frame\":0,\"prompt\":\" \"}]");
    e = assertThrows(InputException.class, () -> PromptTrack.read(f));
    assertTrue(e.getMessage().contains("blank"), e.getMessage());
    Files.writeString(f, "{\"keys\":[{\"frame\":0,\"promt\":\"gold\"}]}");
    e = assertThrows(InputException.class, () -> PromptTrack.read(f));
    assertTrue(e.getMessage().contains("promt"), e.getMessage());
    Files.writeString(f, "[]");
    assertThrows(InputException.class, () -> PromptTrack.read(f));
    InputException missing =
        assertThrows(InputException.class, () -> PromptTrack.read(dir.resolve("none.json")));
    assertTrue(missing.getMessage().contains("none.json"), missing.getMessage());
  }
}
