package org.styleatlas.engine.clipmodel;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's text clean-up before tokenizing: HTML entities unescaped (twice, as CLIP does), runs of
 * whitespace collapsed to one space, trimmed, lower-cased.
 *
 * <p>CLIP also runs {@code ftfy.fix_text}, which repairs mojibake; that step is not reproduced, so
 * text that is already valid Unicode tokenizes identically and broken encodings may not.
 */
final class ClipTextCleaner {
  private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Map<String, String> NAMED =
      Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

  private ClipTextCleaner() {}

  static String clean(String text) {
    String unescaped = unescapeHtml(unescapeHtml(text));
    return WHITESPACE.matcher(unescaped).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
  }

  static String unescapeHtml(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(resolve(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String resolve(String entity, String original) {
    if (entity.charAt(0) != '#') {
      return NAMED.getOrDefault(entity.toLowerCase(Locale.ROOT), original);
    }
    boolean hex = entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X');
    int codePoint = Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10);
    return Character.isValidCodePoint(codePoint) && codePoint != 0
        ? new String(Character.toChars(codePoint))
        : "\uFFFD";
  }
}
