package org.styleatlas.engine.clipmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * Token ids published with OpenAI's CLIP tokenizer or checked against it by others: "a photo of a
 * cat" (the issue, OpenAI's README example), "the black dog" (open_clip's tokenizer, as ported in
 * MobileCLIP tools), "a photo of an astronaut riding a horse on mars" and the CoreML sentence
 * (Apple's ml-stable-diffusion tokenizer tests against Hugging Face's CLIPTokenizer), "Hello,
 * World! 123" (Emgu CV's CLIP tests against Hugging Face's CLIPTokenizer).
 */
class ClipTokenizerTest {
  private final ClipTokenizer tokenizer = ClipTokenizer.shared();

  private int[] used(String text) {
    return tokenizer.tokenize(text).usedIds();
  }

  @Test
  void publishedVectors() {
    assertArrayEquals(
        new int[] {49406, 320, 1125, 539, 320, 2368, 49407}, used("a photo of a cat"));
    assertArrayEquals(new int[] {49406, 518, 1449, 1929, 49407}, used("the black dog"));
    assertArrayEquals(
        new int[] {49406, 320, 1125, 539, 550, 18376, 6765, 320, 4558, 525, 7496, 49407},
        used("a photo of an astronaut riding a horse on mars"));
    assertArrayEquals(
        new int[] {49406, 3055, 19622, 5780, 10929, 5771, 525, 320, 20617, 1922, 631, 1953, 49407},
        used("Apple CoreML developer tools on a Macbook Air are fast"));
    assertArrayEquals(
        new int[] {49406, 3306, 267, 1002, 256, 272, 273, 274, 49407}, used("Hello, World! 123"));
  }

  @Test
  void cleansCaseWhitespaceAndEntities() {
    assertArrayEquals(used("a photo of a cat"), used("  A\tPHOTO \n of a  Cat "));
    assertArrayEquals(used("salt & pepper"), used("salt &amp;amp; pepper"));
  }

  @Test
  void padsToContextWithZeros() {
    TokenizedPrompt cat = tokenizer.tokenize("a photo of a cat");
    int[] ids = cat.ids();
    assertEquals(ClipTokenizer.CONTEXT_LENGTH, ids.length);
    assertEquals(7, cat.length());
    assertFalse(cat.truncated());
    assertTrue(Arrays.stream(ids, 7, ids.length).allMatch(id -> id == 0));
  }

  @Test
  void emptyTextIsStartAndEndToken() {
    assertArrayEquals(new int[] {49406, 49407}, used(""));
    assertArrayEquals(new int[] {49406, 49407}, used(" \t\n "));
  }

  @Test
  void longPromptKeepsEndToken() {
    TokenizedPrompt long200 =
        tokenizer.tokenize(String.join(" ", Collections.nCopies(200, "swan")));
    int[] ids = long200.ids();
    assertTrue(long200.truncated());
    assertEquals(ClipTokenizer.CONTEXT_LENGTH, long200.length());
    assertEquals(ClipTokenizer.START_TOKEN, ids[0]);
    assertEquals(ClipTokenizer.END_TOKEN, ids[76]);
    int swan = used("swan")[1];
    assertTrue(Arrays.stream(ids, 1, 76).allMatch(id -> id == swan));
  }

  @Test
  void nonAsciiFallsBackToBytesAndRoundTripsThroughVocabulary() {
    int[] accented = used("café");
    assertEquals(ClipTokenizer.START_TOKEN, accented[0]);
    assertEquals(ClipTokenizer.END_TOKEN, accented[accented.length - 1]);
    int[] emoji = used("🦢");
    assertTrue(emoji.length >= 3, "an emoji is at least one byte-level token");
    assertTrue(Arrays.stream(emoji).allMatch(id -> id >= 0 && id <= ClipTokenizer.END_TOKEN));
    assertArrayEquals(used("日本"), used("日本"));
    assertTrue(used("日本").length > 2);
  }
}
