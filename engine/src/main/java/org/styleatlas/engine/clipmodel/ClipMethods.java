package org.styleatlas.engine.clipmodel;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.InputException;

/**
 * Which TorchScript methods of a CLIP file encode images and text.
 *
 * @param layout a short name for messages ("openai", "huggingface", or "custom")
 * @param image takes [n, 3, S, S] float32, returns [n, d]
 * @param text takes [n, 77] int64 token ids, returns [n, d]
 * @param imageTokens optional: takes [n, 3, S, S], returns the ViT tokens [n, 1 + grid², width]
 */
public record ClipMethods(String layout, String image, String text, Optional<String> imageTokens) {
  /** OpenAI's JIT archives and files made by {@code scripts/make-clip-fixture.py}. */
  public static final ClipMethods OPENAI =
      new ClipMethods("openai", "encode_image", "encode_text", Optional.of("encode_image_tokens"));

  /** A traced Hugging Face {@code CLIPModel}. */
  public static final ClipMethods HUGGING_FACE =
      new ClipMethods("huggingface", "get_image_features", "get_text_features", Optional.empty());

  private static final List<ClipMethods> KNOWN = List.of(OPENAI, HUGGING_FACE);

  public ClipMethods {
    if (layout.isBlank() || image.isBlank() || text.isBlank()) {
      throw new IllegalArgumentException("CLIP method names must not be blank");
    }
  }

  /**
   * The layout whose image and text methods the file has; the image-token method counts only when
   * present.
   *
   * @throws InputException naming the file and the methods it has, when no layout fits
   */
  static ClipMethods detect(Path file, Collection<String> methodNames) {
    for (ClipMethods known : KNOWN) {
      if (methodNames.contains(known.image) && methodNames.contains(known.text)) {
        return new ClipMethods(
            known.layout, known.image, known.text, known.imageTokens.filter(methodNames::contains));
      }
    }
    throw InputException.of(
        file,
        "not a CLIP TorchScript file: it has the methods "
            + methodNames
            + ", but CLIP needs encode_image/encode_text (OpenAI layout) or get_image_features/get_text_features"
            + " (traced Hugging Face layout)");
  }
}
