package org.styleatlas.engine.clipmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.ProgressSink;

/** {@code --clip-model NAME|FILE} resolution and its error messages. */
class ClipModelsTest {
  @TempDir Path dir;

  private ClipModel open(String nameOrPath) {
    return ClipModels.open(nameOrPath, Device.cpu(), new ModelStore(dir), ProgressSink.NONE);
  }

  private String failure(String nameOrPath) {
    return assertThrows(InputException.class, () -> open(nameOrPath).close()).getMessage();
  }

  @Test
  void opensAFileOrAStoredName() {
    Path fixture = ClipFixtures.path(ClipFixtures.HUGGING_FACE);
    try (ClipModel byFile = open(fixture.toString())) {
      assertEquals("huggingface", byFile.methods().layout());
    }
    new ModelStore(dir).importFile(fixture, Optional.of("tiny-hf"), ProgressSink.NONE);
    try (ClipModel byName = open("tiny-hf")) {
      assertEquals(dir.resolve("tiny-hf.pt"), byName.file());
    }
  }

  @Test
  void missingCatalogModelNamesFetch() {
    String message = failure("ViT-B/32");
    assertTrue(message.contains("is not installed in " + dir), message);
    assertTrue(message.contains("styleatlas models fetch ViT-B-32"), message);
  }

  @Test
  void unknownNameAndMissingFileAreExplained() {
    assertTrue(
        failure("no-such-model").contains("no such model in " + dir), failure("no-such-model"));
    String missing = dir.resolve("absent.pt").toString();
    assertTrue(failure(missing).contains("no such CLIP model file"), failure(missing));
  }

  @Test
  void corruptStoredModelNamesTheFix() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk-source.bin"), "not a model");
    new ModelStore(dir).importFile(junk, Optional.of("junk"), ProgressSink.NONE);
    String message = failure("junk");
    assertTrue(message.contains("truncated, corrupt or not a TorchScript file"), message);
    assertTrue(message.contains("styleatlas models import FILE --as junk"), message);
  }
}
