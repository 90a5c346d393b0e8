package org.styleatlas.engine.clipmodel;

/**
 * CLIP's (and GPT-2's) reversible map from the 256 byte values to 256 printable Unicode characters,
 * so that BPE works on strings without whitespace or control characters.
 *
 * <p>Printable Latin-1 bytes ({@code !..~}, {@code ¡..¬}, {@code ®..ÿ}) map to themselves; the
 * other 68 bytes map to U+0100 upwards, in byte order. {@link #symbolOrder()} is the order in which
 * CLIP's vocabulary lists the byte symbols.
 */
final class ByteUnicodeTable {
  private static final int BYTE_VALUES = 256;

  private final char[] byteToChar = new char[BYTE_VALUES];
  private final int[] symbolOrder = new int[BYTE_VALUES];

  ByteUnicodeTable() {
    boolean[] printable = new boolean[BYTE_VALUES];
    int next = 0;
    next = addPrintable('!', '~', printable, next);
    next = addPrintable('¡', '¬', printable, next);
    next = addPrintable('®', 'ÿ', printable, next);
    int shifted = 0;
    for (int b = 0; b < BYTE_VALUES; b++) {
      if (!printable[b]) {
        byteToChar[b] = (char) (BYTE_VALUES + shifted++);
        symbolOrder[next++] = b;
      }
    }
  }

  private int addPrintable(char from, char to, boolean[] printable, int next) {
    for (int b = from; b <= to; b++) {
      printable[b] = true;
      byteToChar[b] = (char) b;
      symbolOrder[next++] = b;
    }
    return next;
  }

  /** The character standing for one byte (0..255). */
  char charOf(int unsignedByte) {
    return byteToChar[unsignedByte];
  }

  /** The i-th byte symbol of CLIP's vocabulary, i in 0..255. */
  char symbol(int i) {
    return byteToChar[symbolOrder[i]];
  }

  /** UTF-8 bytes of {@code text}, each replaced by its character. */
  String encode(byte[] utf8) {
    StringBuilder out = new StringBuilder(utf8.length);
    for (byte b : utf8) {
      out.append(byteToChar[b & 0xFF]);
    }
    return out.toString();
  }
}
