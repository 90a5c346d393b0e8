package org.styleatlas.engine.clipmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.DjlRuntime;

/**
 * The fixture round trip: loading, reference outputs from torch, gradients to images, frozen
 * weights.
 */
class ClipModelTest {
  private static final float REFERENCE_TOLERANCE = 1e-4f;
  private static ClipModel openai;
  private static NDManager manager;

  @BeforeAll
  static void load() {
    manager = DjlRuntime.engine().newBaseManager(Device.cpu());
    openai = ClipModel.load(ClipFixtures.path(ClipFixtures.OPENAI), Device.cpu());
  }

  @AfterAll
  static void close() {
    openai.close();
    manager.close();
  }

  @Test
  void discoversOpenAiLayoutAndEmbeddingWidth() {
    assertEquals("openai", openai.methods().layout());
    assertEquals(ClipFixtures.expected().get("embeddingDim").asInt(), openai.embeddingDim());
    assertTrue(openai.hasImageTokens());
  }

  @Test
  void matchesTorchReferenceInBothLayouts() {
    JsonNode expected = ClipFixtures.expected();
    try (ClipModel hf = ClipModel.load(ClipFixtures.path(ClipFixtures.HUGGING_FACE), Device.cpu());
        NDManager scope = manager.newSubManager()) {
      assertEquals("huggingface", hf.methods().layout());
      assertFalse(hf.hasImageTokens());
      for (ImageTextEncoder encoder : List.of(openai, hf)) {
        NDArray image = encoder.encodeImages(ClipFixtures.referenceImage(scope));
        NDArray text = encoder.encodeText(scope, List.of("a photo of a cat"));
        assertClose(ClipFixtures.floats(expected.get("unitImageEmbedding")), image.toFloatArray());
        assertClose(ClipFixtures.floats(expected.get("unitTextEmbedding")), text.toFloatArray());
      }
    }
  }

  @Test
  void batchesAreUnitNormalisedRows() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray images = scope.randomNormal(new Shape(3, 3, 224, 224));
      NDArray image = openai.encodeImages(images);
      NDArray text = openai.encodeText(scope, List.of("a swan made of gold", "", "a car"));
      assertEquals(new Shape(3, openai.embeddingDim()), image.getShape());
      assertEquals(new Shape(3, openai.embeddingDim()), text.getShape());
      for (NDArray rows : List.of(image, text)) {
        assertArrayEquals(new float[] {1f, 1f, 1f}, rows.norm(new int[] {1}).toFloatArray(), 1e-5f);
      }
    }
  }

  @Test
  void gradientReachesImagesMatchesFiniteDifferenceAndSparesWeights() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray images = scope.randomNormal(new Shape(2, 3, 224, 224));
      NDArray weights = scope.randomNormal(new Shape(2, openai.embeddingDim()));
      NDArray direction = scope.randomNormal(images.getShape());
      images.setRequiresGradient(true);
      NDArray gradient;
      try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
        NDArray text = openai.encodeText(scope, List.of("gold"));
        NDArray loss = openai.encodeImages(images).mul(weights).sum().add(text.sum());
        collector.backward(loss);
      }
      gradient = images.getGradient().duplicate();
      assertTrue(gradient.abs().sum().getFloat() > 0f, "the gradient reaching the images is zero");

      NDArray outside = openai.encodeImages(images);
      assertFalse(
          JniUtils.requiresGrad((PtNDArray) outside), "a graph was recorded outside a collector");

      float epsilon = 1e-2f;
      float plus =
          openai.encodeImages(images.add(direction.mul(epsilon))).mul(weights).sum().getFloat();
      float minus =
          openai.encodeImages(images.sub(direction.mul(epsilon))).mul(weights).sum().getFloat();
      float numeric = (plus - minus) / (2 * epsilon);
      float analytic = gradient.mul(direction).sum().getFloat();
      assertEquals(
          analytic, numeric, 0.02f * Math.abs(analytic) + 1e-4f, "finite difference disagrees");

      for (Pair<String, Parameter> parameter : openai.parameters()) {
        assertFalse(
            JniUtils.requiresGrad((PtNDArray) parameter.getValue().getArray()),
            parameter.getKey() + " is not frozen");
      }
    }
  }

  @Test
  void preparesRawViewsWhenAsked() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray views = scope.randomUniform(0f, 1f, new Shape(2, 3, 100, 150));
      NDArray prepared = ClipPreprocessor.prepare(views, 224);
      assertEquals(new Shape(2, 3, 224, 224), prepared.getShape());
      float[] mean = ClipPreprocessor.MEAN;
      float[] std = ClipPreprocessor.STD;
      float corner = views.getFloat(0, 1, 0, 0);
      assertEquals((corner - mean[1]) / std[1], prepared.getFloat(0, 1, 0, 0), 1e-5f);
      assertArrayEquals(
          openai.encodeImages(prepared).toFloatArray(),
          openai.encodeImages(views, false).toFloatArray(),
          1e-6f);
    }
  }

  @Test
  void exposesVitTokens() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray tokens = openai.encodeImageTokens(ClipFixtures.referenceImage(scope));
      assertEquals(
          new Shape(toLongs(ClipFixtures.expected().get("imageTokensShape"))), tokens.getShape());
    }
  }

  private static long[] toLongs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  @Test
  void rejectsImagesOfTheWrongShape() {
    try (NDManager scope = manager.newSubManager()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> openai.encodeImages(scope.zeros(new Shape(1, 3, 64, 64))));
    }
  }

  @Test
  void corruptOrForeignFilesGiveAClearError(@TempDir Path dir) throws Exception {
    byte[] fixture = Files.readAllBytes(ClipFixtures.path(ClipFixtures.OPENAI));
    Path truncated =
        Files.write(
            dir.resolve("truncated.pt"), java.util.Arrays.copyOf(fixture, fixture.length / 2));
    InputException e =
        assertThrows(InputException.class, () -> ClipModel.load(truncated, Device.cpu()));
    assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("truncated, corrupt or not a TorchScript file"), e.getMessage());
  }

  private static void assertClose(float[] expected, float[] actual) {
    assertArrayEquals(expected, actual, REFERENCE_TOLERANCE);
  }
}
