package org.styleatlas.engine.clipmodel;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.DjlRuntime;

/**
 * CLIP backed by a TorchScript file: OpenAI's layout ({@code encode_image}, {@code encode_text}) or
 * a traced Hugging Face {@code CLIPModel} ({@code get_image_features}, {@code get_text_features}).
 *
 * <p>The file is loaded with trainable tensors (so autograd can record through it) and its
 * parameters are then frozen: gradients reach the input images, never the weights. Methods other
 * than {@code forward} are called through DJL's {@code module_method:<name>} input marker. Outputs
 * are unit-normalised.
 *
 * <p>Not thread-safe: one stylization loop uses one model (DJL allows one GradientCollector per
 * process). Open it with {@link ClipModels#open}, or {@link #load} for a file.
 */
public final class ClipModel implements ImageTextEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(ClipModel.class);
  private static final String METHOD_MARKER = "module_method:";
  private static final int DEFAULT_IMAGE_SIZE = 224;

  private final Path file;
  private final PtNDManager manager;
  private final PtSymbolBlock block;
  private final ClipMethods methods;
  private final ClipTokenizer tokenizer = ClipTokenizer.shared();
  private final int embeddingDim;

  private ClipModel(Path file, PtNDManager manager, PtSymbolBlock block, ClipMethods methods) {
    this.file = file;
    this.manager = manager;
    this.block = block;
    this.methods = methods;
    this.embeddingDim = probeEmbeddingDim();
  }

  /**
   * Loads a TorchScript CLIP file onto {@code device}; the methods are discovered from the file.
   *
   * @throws InputException when the file cannot be read as TorchScript or has no CLIP methods
   */
  public static ClipModel load(Path file, Device device) {
    return load(file, device, Optional.empty());
  }

  /**
   * Loads a TorchScript CLIP file with the given methods, or discovers them when empty.
   *
   * @throws InputException when the file cannot be read as TorchScript or lacks the methods
   */
  public static ClipModel load(Path file, Device device, Optional<ClipMethods> methods) {
    PtNDManager manager = (PtNDManager) DjlRuntime.engine().newBaseManager(device);
    try {
      PtSymbolBlock block;
      try {
        block = JniUtils.loadModule(manager, file, true, new String[0], new String[0], true);
      } catch (EngineException | IllegalArgumentException e) {
        throw InputException.of(
            file,
            "cannot be loaded as TorchScript ("
                + firstLine(e.getMessage())
                + "); it is truncated, corrupt or not a TorchScript file",
            e);
      }
      block.freezeParameters(true);
      List<String> names = Arrays.asList(JniUtils.getMethodNames(block));
      ClipMethods chosen = methods.orElseGet(() -> ClipMethods.detect(file, names));
      for (String method : List.of(chosen.image(), chosen.text())) {
        if (!names.contains(method)) {
          throw InputException.of(
              file, "has no TorchScript method '" + method + "' (it has " + names + ")");
        }
      }
      ClipModel model = new ClipModel(file, manager, block, chosen);
      LOG.info(
          "CLIP {} loaded on {}: {} layout, embedding {}, image tokens {}",
          file,
          device,
          chosen.layout(),
          model.embeddingDim,
          chosen.imageTokens().isPresent() ? "available" : "absent");
      return model;
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    message = message.strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private int probeEmbeddingDim() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray text = runText(scope, List.of(""));
      if (text.getShape().dimension() != 2) {
        throw InputException.of(
            file,
            "method "
                + methods.text()
                + " returned shape "
                + text.getShape()
                + ", expected [n, d]");
      }
      return (int) text.getShape().get(1);
    }
  }

  @Override
  public int embeddingDim() {
    return embeddingDim;
  }

  @Override
  public int imageSize() {
    return DEFAULT_IMAGE_SIZE;
  }

  /** The device the weights live on. */
  public Device device() {
    return manager.getDevice();
  }

  /** The methods in use, with the layout name. */
  public ClipMethods methods() {
    return methods;
  }

  /** The file this model was loaded from. */
  public Path file() {
    return file;
  }

  @Override
  public NDArray encodeText(NDManager resultManager, List<String> texts) {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("encodeText needs at least one prompt");
    }
    try (NDManager scope = resultManager.newSubManager(device())) {
      // A no-grad result must be cloned before autograd may save it for backward.
      NDArray unit = unitRows(runText(scope, texts)).duplicate();
      unit.attach(resultManager);
      return unit;
    }
  }

  /** Text features [n, d] as the file returns them, owned by {@code scope}. */
  private NDArray runText(NDManager scope, List<String> texts) {
    long[] ids = new long[texts.size() * ClipTokenizer.CONTEXT_LENGTH];
    for (int i = 0; i < texts.size(); i++) {
      int[] row = tokenizer.tokenize(texts.get(i)).ids();
      for (int j = 0; j < row.length; j++) {
        ids[i * ClipTokenizer.CONTEXT_LENGTH + j] = row[j];
      }
    }
    NDArray tokens = scope.create(ids, new Shape(texts.size(), ClipTokenizer.CONTEXT_LENGTH));
    return call(methods.text(), tokens.toDevice(device(), false), false);
  }

  @Override
  public NDArray encodeImages(NDArray images) {
    NDArray features = call(methods.image(), checkImages(images), true);
    return unitRows(features);
  }

  /** Whether {@link #encodeImageTokens} is available: the file has an image-token method. */
  public boolean hasImageTokens() {
    return methods.imageTokens().isPresent();
  }

  /**
   * The vision transformer's output tokens, differentiable like {@link #encodeImages}. Files made
   * by {@code scripts/make-clip-fixture.py} (the fixture, the ViT-B/32-shaped benchmark model and
   * converted OpenAI archives) have it; OpenAI's original archives and Hugging Face traces do not.
   *
   * @param images [n, 3, S, S] CLIP-normalised
   * @return [n, 1 + (S / patch)², width] after the final layer norm, token 0 being the class token;
   *     not projected and not normalised
   * @throws UnsupportedOperationException when the file has no image-token method
   */
  public NDArray encodeImageTokens(NDArray images) {
    String method =
        methods
            .imageTokens()
            .orElseThrow(
                () ->
                    new UnsupportedOperationException(
                        file + " exposes no ViT tokens (no encode_image_tokens method)"));
    return call(method, checkImages(images), true);
  }

  private NDArray checkImages(NDArray images) {
    Shape shape = images.getShape();
    if (shape.dimension() != 4
        || shape.get(1) != 3
        || shape.get(2) != imageSize()
        || shape.get(3) != imageSize()
        || images.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(
          "CLIP images must be float32 [n, 3, "
              + imageSize()
              + ", "
              + imageSize()
              + "], got "
              + images.getDataType()
              + " "
              + shape);
    }
    String name = images.getName();
    if (name != null && name.contains(".")) {
      throw new IllegalArgumentException(
          "CLIP images must not carry a dotted name (DJL reads it as a dict" + " entry): " + name);
    }
    return images.getDevice().equals(device()) ? images : images.toDevice(device(), false);
  }

  /**
   * Runs one TorchScript method on one tensor; the result belongs to the input's manager.
   *
   * <p>{@code gradientCapable} true runs the method without libtorch's inference mode, so autograd
   * records it whenever a GradientCollector is open (outside one, grad mode is off and nothing is
   * recorded). A method must always be called with the same value: once run under autograd, running
   * it in inference mode fails ("Inference tensors cannot be saved for backward"), so image methods
   * always pass true and the text method always false.
   */
  private NDArray call(String method, NDArray input, boolean gradientCapable) {
    NDArray marker = input.getManager().create(0f);
    marker.setName(METHOD_MARKER + method);
    try {
      NDList out =
          block.forward(
              new ParameterStore(input.getManager(), false),
              new NDList(input, marker),
              gradientCapable);
      return out.singletonOrThrow();
    } finally {
      marker.close();
    }
  }

  private static NDArray unitRows(NDArray features) {
    return features.div(features.norm(new int[] {1}, true));
  }

  /** The file's parameters, for checks that they stay frozen. */
  ParameterList parameters() {
    return block.getParameters();
  }

  @Override
  public void close() {
    manager.close();
  }

  @Override
  public String toString() {
    return "ClipModel["
        + file
        + ", "
        + methods.layout()
        + ", d="
        + embeddingDim
        + ", "
        + device()
        + "]";
  }
}
