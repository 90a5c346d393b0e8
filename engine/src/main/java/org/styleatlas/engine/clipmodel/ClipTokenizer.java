package org.styleatlas.engine.clipmodel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer, as OpenAI's {@code SimpleTokenizer} plus {@code clip.tokenize}.
 *
 * <p>Steps: clean-up ({@link ClipTextCleaner}), pre-tokenization into contractions, letter runs,
 * single digits and runs of other symbols, UTF-8 bytes mapped to characters ({@link
 * ByteUnicodeTable}), BPE merges by rank, ids from {@link BpeVocabulary}. A prompt becomes {@code
 * [49406, tokens…, 49407, 0…]} of {@value #CONTEXT_LENGTH} ids; a longer prompt keeps its first 75
 * tokens and the end token. Thread-safe.
 */
public final class ClipTokenizer {
  /** CLIP's text context, in tokens. */
  public static final int CONTEXT_LENGTH = 77;

  /** {@code <|startoftext|>}. */
  public static final int START_TOKEN = 49406;

  /** {@code <|endoftext|>}; CLIP reads the text embedding at this token. */
  public static final int END_TOKEN = 49407;

  private static final Pattern PRE_TOKENS =
      Pattern.compile(
          "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final int CACHE_LIMIT = 50_000;

  private static volatile ClipTokenizer shared;

  private final ByteUnicodeTable bytes = new ByteUnicodeTable();
  private final BpeVocabulary vocabulary = BpeVocabulary.load(bytes);
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  private ClipTokenizer() {}

  /** The tokenizer with the vocabulary shipped in the engine; loaded once (about 0.3 s). */
  public static ClipTokenizer shared() {
    ClipTokenizer t = shared;
    if (t == null) {
      synchronized (ClipTokenizer.class) {
        if (shared == null) {
          shared = new ClipTokenizer();
        }
        t = shared;
      }
    }
    return t;
  }

  /** The prompt as {@value #CONTEXT_LENGTH} ids, truncated to fit when needed. */
  public TokenizedPrompt tokenize(String text) {
    int[] tokens = encode(text);
    int[] ids = new int[CONTEXT_LENGTH];
    int kept = Math.min(tokens.length, CONTEXT_LENGTH - 2);
    ids[0] = START_TOKEN;
    System.arraycopy(tokens, 0, ids, 1, kept);
    ids[kept + 1] = END_TOKEN;
    return new TokenizedPrompt(text, ids, kept + 2, kept < tokens.length);
  }

  /** The BPE token ids of {@code text}, without start or end token and without truncation. */
  public int[] encode(String text) {
    List<Integer> out = new ArrayList<>();
    Matcher m = PRE_TOKENS.matcher(ClipTextCleaner.clean(text));
    while (m.find()) {
      for (int id : bpeIds(m.group())) {
        out.add(id);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private int[] bpeIds(String preToken) {
    int[] cached = cache.get(preToken);
    if (cached != null) {
      return cached;
    }
    int[] ids;
    if (preToken.equals(BpeVocabulary.START_OF_TEXT)
        || preToken.equals(BpeVocabulary.END_OF_TEXT)) {
      ids = new int[] {vocabulary.id(preToken)};
    } else {
      ids =
          merge(bytes.encode(preToken.getBytes(StandardCharsets.UTF_8))).stream()
              .mapToInt(vocabulary::id)
              .toArray();
    }
    if (cache.size() < CACHE_LIMIT) {
      cache.put(preToken, ids);
    }
    return ids;
  }

  /** Applies the merges to one pre-token, lowest rank first, all occurrences of a pair at once. */
  private List<String> merge(String word) {
    List<String> symbols = new ArrayList<>(word.length());
    word.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
    int last = symbols.size() - 1;
    symbols.set(last, symbols.get(last) + BpeVocabulary.END_OF_WORD);
    while (symbols.size() > 1) {
      int bestRank = Integer.MAX_VALUE;
      String left = null;
      String right = null;
      for (int i = 0; i + 1 < symbols.size(); i++) {
        int rank = vocabulary.mergeRank(symbols.get(i), symbols.get(i + 1));
        if (rank >= 0 && rank < bestRank) {
          bestRank = rank;
          left = symbols.get(i);
          right = symbols.get(i + 1);
        }
      }
      if (left == null) {
        break;
      }
      List<String> merged = new ArrayList<>(symbols.size());
      for (int i = 0; i < symbols.size(); i++) {
        if (i + 1 < symbols.size()
            && symbols.get(i).equals(left)
            && symbols.get(i + 1).equals(right)) {
          merged.add(left + right);
          i++;
        } else {
          merged.add(symbols.get(i));
        }
      }
      symbols.clear();
      symbols.addAll(merged);
    }
    return symbols;
  }

  @Override
  public String toString() {
    return "ClipTokenizer[vocabulary " + vocabulary.size() + ", context " + CONTEXT_LENGTH + "]";
  }
}
