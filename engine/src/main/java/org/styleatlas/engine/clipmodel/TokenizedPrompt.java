package org.styleatlas.engine.clipmodel;

import java.util.Arrays;

/**
 * One prompt as CLIP's text encoder reads it.
 *
 * @param text the prompt as given
 * @param ids exactly {@link ClipTokenizer#CONTEXT_LENGTH} token ids: start token, BPE tokens, end
 *     token, then zero padding
 * @param length how many ids are used, start and end tokens included (2..77)
 * @param truncated whether BPE tokens were cut off to fit the context (the end token is always
 *     kept)
 */
public record TokenizedPrompt(String text, int[] ids, int length, boolean truncated) {

  public TokenizedPrompt {
    if (ids.length != ClipTokenizer.CONTEXT_LENGTH || length < 2 || length > ids.length) {
      throw new IllegalArgumentException(
          "a CLIP prompt has "
              + ClipTokenizer.CONTEXT_LENGTH
              + " ids, got "
              + ids.length
              + " with length "
              + length);
    }
    ids = ids.clone();
  }

  @Override
  public int[] ids() {
    return ids.clone();
  }

  /** The used ids, start and end token included, without padding. */
  public int[] usedIds() {
    return Arrays.copyOf(ids, length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenizedPrompt p
        && p.text.equals(text)
        && Arrays.equals(p.ids, ids)
        && p.length == length
        && p.truncated == truncated;
  }

  @Override
  public int hashCode() {
    return 31 * text.hashCode() + Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return "TokenizedPrompt[" + Arrays.toString(usedIds()) + (truncated ? ", truncated]" : "]");
  }
}
