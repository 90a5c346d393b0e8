package org.styleatlas.engine.clipmodel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's BPE vocabulary, read from {@code bpe_simple_vocab_16e6.txt.gz} (MIT, OpenAI): the merge
 * ranks and the token ids.
 *
 * <p>Ids: the 256 byte symbols (0..255), the same with {@code </w>} (256..511), one per merge
 * (512..49405), then {@code <|startoftext|>} = 49406 and {@code <|endoftext|>} = 49407.
 */
final class BpeVocabulary {
  /** Merges CLIP uses: 49152 - 256 - 2 lines after the version header. */
  static final int MERGE_COUNT = 49152 - 256 - 2;

  static final String END_OF_WORD = "</w>";
  static final String START_OF_TEXT = "<|startoftext|>";
  static final String END_OF_TEXT = "<|endoftext|>";
  private static final String RESOURCE = "bpe_simple_vocab_16e6.txt.gz";

  private final Map<String, Integer> mergeRanks = new HashMap<>(MERGE_COUNT * 2);
  private final Map<String, Integer> ids = new HashMap<>(2 * 256 + MERGE_COUNT * 2 + 4);

  private BpeVocabulary(ByteUnicodeTable bytes, BufferedReader merges) throws IOException {
    for (int i = 0; i < 256; i++) {
      ids.put(String.valueOf(bytes.symbol(i)), i);
      ids.put(bytes.symbol(i) + END_OF_WORD, 256 + i);
    }
    merges.readLine(); // "#version: 0.2"
    for (int rank = 0; rank < MERGE_COUNT; rank++) {
      String line = merges.readLine();
      if (line == null) {
        throw new IllegalStateException(
            RESOURCE + " holds only " + rank + " merges, expected " + MERGE_COUNT);
      }
      int space = line.indexOf(' ');
      mergeRanks.put(line, rank);
      ids.put(line.substring(0, space) + line.substring(space + 1), 512 + rank);
    }
    ids.put(START_OF_TEXT, 512 + MERGE_COUNT);
    ids.put(END_OF_TEXT, 512 + MERGE_COUNT + 1);
  }

  /** Loads the vocabulary shipped with the engine. */
  static BpeVocabulary load(ByteUnicodeTable bytes) {
    try (InputStream in = BpeVocabulary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "CLIP's BPE vocabulary " + RESOURCE + " is missing from the engine jar");
      }
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
      return new BpeVocabulary(bytes, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CLIP's BPE vocabulary " + RESOURCE, e);
    }
  }

  /**
   * The rank of merging {@code left} and {@code right}, lower merges first; -1 when they never
   * merge.
   */
  int mergeRank(String left, String right) {
    Integer rank = mergeRanks.get(left + ' ' + right);
    return rank == null ? -1 : rank;
  }

  /**
   * The id of a BPE symbol; throws for a symbol outside the vocabulary (a bug, never user input).
   */
  int id(String symbol) {
    Integer id = ids.get(symbol);
    if (id == null) {
      throw new IllegalStateException("BPE symbol not in CLIP's vocabulary: " + symbol);
    }
    return id;
  }

  int size() {
    return ids.size();
  }
}
