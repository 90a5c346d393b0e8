package org.styleatlas.engine.clipmodel;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CLIP model file StyleAtlas knows by name: where it is published and its SHA-256.
 *
 * @param name the name users type ({@code --clip-model ViT-B-32}); also accepted with "/" for "-"
 * @param fileName the file name in the models directory
 * @param url the canonical public download address
 * @param sha256 lower-case hex SHA-256 of the file
 * @param description one line for {@code styleatlas models list}
 */
public record KnownClipModel(
    String name, String fileName, URI url, String sha256, String description) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String OPENAI_BASE = "https://openaipublic.azureedge.net/clip/models/";

  /** The default for {@code --clip-model}. */
  public static final String DEFAULT_NAME = "ViT-B-32";

  /** OpenAI's ViT-B/32 JIT archive (fp16, traced on CUDA); the default. */
  public static final KnownClipModel VIT_B_32 =
      openAi(
          DEFAULT_NAME,
          "40d365715913c9da98579312b702a82c18be219cc2a73407c4526f58eba950af",
          "OpenAI CLIP ViT-B/32 (default)");

  /** OpenAI's ViT-L/14 JIT archive, the model of the seed paper. */
  public static final KnownClipModel VIT_L_14 =
      openAi(
          "ViT-L-14",
          "b8cca3fd41ae0c99ba7e8951adf17d267cdb84cd88be6f7c2e0eca1737a03836",
          "OpenAI CLIP ViT-L/14 (seed paper)");

  private static final List<KnownClipModel> ALL = List.of(VIT_B_32, VIT_L_14);

  public KnownClipModel {
    if (name.isBlank() || !fileName.endsWith(".pt") || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("bad model entry " + name + " " + fileName + " " + sha256);
    }
  }

  private static KnownClipModel openAi(String name, String sha256, String description) {
    // OpenAI publishes each archive under its own SHA-256, as clip.load verifies.
    return new KnownClipModel(
        name,
        name + ".pt",
        URI.create(OPENAI_BASE + sha256 + "/" + name + ".pt"),
        sha256,
        description);
  }

  /** Every model of the catalog. */
  public static List<KnownClipModel> all() {
    return ALL;
  }

  /** The catalog entry called {@code name}, case-insensitive, "ViT-B/32" and "ViT-B-32" alike. */
  public static Optional<KnownClipModel> byName(String name) {
    String wanted = normalise(name);
    return ALL.stream().filter(m -> normalise(m.name).equals(wanted)).findFirst();
  }

  /** The catalog entry whose file has this SHA-256. */
  public static Optional<KnownClipModel> bySha256(String sha256) {
    return ALL.stream().filter(m -> m.sha256.equals(sha256)).findFirst();
  }

  static String normalise(String name) {
    return name.strip().replace('/', '-').toLowerCase(Locale.ROOT);
  }

  /** The names of the catalog, for messages. */
  public static String names() {
    return String.join(", ", ALL.stream().map(KnownClipModel::name).toList());
  }
}
