package org.styleatlas.engine.stylize.loss;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Text augmentation: one neutral template per iteration and per target text (paper §4.3, appendix
 * 6.3).
 *
 * @param templates the templates sampled from, each with one {@code {}} for the target text; a
 *     single {@code "{}"} means no augmentation
 */
public record PromptPrefixes(List<String> templates) {

  /** The paper's eight prefixes (appendix 6.3), in its order; "4 prefixes" means the first four. */
  public static final List<String> PAPER =
      List.of(
          "a photo of a {}",
          "a {}",
          "an image of a {}",
          "the {}",
          "image of a {}",
          "image of the {}",
          "photo of a {}",
          "photo of the {}");

  /** Text2LIVE's fourteen templates (its appendix A.2.2). */
  public static final List<String> TEXT2LIVE =
      List.of(
          "photo of {}.",
          "high quality photo of {}.",
          "a photo of {}.",
          "the photo of {}.",
          "image of {}.",
          "an image of {}.",
          "high quality image of {}.",
          "a high quality image of {}.",
          "the {}.",
          "a {}.",
          "{}.",
          "{}",
          "{}!",
          "{}...");

  /** Which list the templates come from. */
  public enum Source {
    /** The paper's list, truncated to the configured count (0, 4 or 8). */
    PAPER,
    /** Text2LIVE's fourteen templates. */
    TEXT2LIVE
  }

  public PromptPrefixes {
    templates = List.copyOf(templates);
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("need at least one template");
    }
    for (String t : templates) {
      if (t.indexOf("{}") < 0 || t.indexOf("{}") != t.lastIndexOf("{}")) {
        throw new IllegalArgumentException("template must contain '{}' exactly once: '" + t + "'");
      }
    }
  }

  /**
   * The templates for a configuration.
   *
   * @param source paper or Text2LIVE
   * @param count for the paper's list, how many of its first prefixes to use: 0 (none), 4 or 8;
   *     ignored for Text2LIVE
   */
  public static PromptPrefixes of(Source source, int count) {
    if (source == Source.TEXT2LIVE) {
      return new PromptPrefixes(TEXT2LIVE);
    }
    if (count < 0 || count > PAPER.size()) {
      throw new IllegalArgumentException(
          "prefix count must be in 0.." + PAPER.size() + ", got " + count);
    }
    return new PromptPrefixes(count == 0 ? List.of("{}") : PAPER.subList(0, count));
  }

  /** One template, chosen uniformly, applied to {@code text}. */
  public String sample(String text, SplittableRandom rnd) {
    return apply(templates.get(rnd.nextInt(templates.size())), text);
  }

  /** Every template applied to {@code text}, in order. */
  public List<String> all(String text) {
    return templates.stream().map(t -> apply(t, text)).toList();
  }

  private static String apply(String template, String text) {
    return template.replace("{}", text.strip());
  }
}
