package org.styleatlas.engine.stylize;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.styleatlas.engine.InputException;

/**
 * Prompts over time (the CLI's {@code --prompts keys.json}): from each key's frame on, the look
 * blends from the previous key's prompt to the key's own over {@code transition} frames, then
 * holds. Before the first key the first prompt holds. The blend itself happens in atlas space
 * ({@code render.AtlasSet#morphTo}).
 *
 * <p>The file is {@code {"keys":[{"frame":0,"prompt":"a swan made of gold"},{"frame":20,"prompt":"a
 * swan made of ice","transition":10}]}} (or the bare array): frames 0-based and increasing,
 * transitions ≥ 0 frames and not reaching into the next key.
 *
 * @param keys the keys, in increasing frame order, at least one
 */
public record PromptTrack(List<Key> keys) {
  private static final int MAX_PROMPT_BYTES = 1000;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * One key.
   *
   * @param frame the frame (0-based) at which the transition to {@code prompt} starts
   * @param prompt the global prompt, non-blank, at most 1000 UTF-8 bytes
   * @param transition frames over which the look blends into {@code prompt}; 0 cuts at {@code
   *     frame}
   */
  public record Key(
      @JsonProperty("frame") int frame,
      @JsonProperty("prompt") String prompt,
      @JsonProperty("transition") int transition) {}

  /**
   * The look of one frame: {@code amount} of the way from prompt {@code from} to prompt {@code to}.
   *
   * @param amount in [0, 1]; 0 when {@code from} equals {@code to}
   */
  public record Mix(String from, String to, double amount) {}

  public PromptTrack {
    if (keys == null || keys.isEmpty()) {
      throw new InputException("prompts: give at least one key {\"frame\":0,\"prompt\":\"…\"}");
    }
    keys =
        keys.stream()
            .map(
                k ->
                    k == null
                        ? null
                        : new Key(
                            k.frame(),
                            k.prompt() == null ? null : k.prompt().strip(),
                            k.transition()))
            .toList();
    for (int i = 0; i < keys.size(); i++) {
      Key k = keys.get(i);
      if (k == null) {
        throw new InputException("prompts: key " + (i + 1) + " is null");
      }
      String at = "prompts: key " + (i + 1) + " (frame " + k.frame() + ")";
      if (k.prompt() == null || k.prompt().isBlank()) {
        throw new InputException(at + ": the prompt is missing or blank");
      }
      if (k.prompt().getBytes(StandardCharsets.UTF_8).length > MAX_PROMPT_BYTES) {
        throw new InputException(
            at + ": the prompt is longer than " + MAX_PROMPT_BYTES + " UTF-8 bytes");
      }
      if (k.frame() < 0 || k.transition() < 0) {
        throw new InputException(
            at + ": frame and transition must be ≥ 0, got transition " + k.transition());
      }
      if (i > 0) {
        Key prev = keys.get(i - 1);
        if (k.frame() < prev.frame() + Math.max(1, prev.transition())) {
          throw new InputException(
              at
                  + ": must come after the previous key's frame "
                  + prev.frame()
                  + " and its transition of "
                  + prev.transition()
                  + " frames");
        }
      }
    }
  }

  /** Reads a track from a JSON file; a bad file is an {@link InputException} naming it. */
  public static PromptTrack read(Path file) {
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      JsonNode keys = root != null && root.isObject() ? root.get("keys") : root;
      if (keys == null || !keys.isArray()) {
        throw new InputException(
            file + ": expected {\"keys\":[{\"frame\":0,\"prompt\":\"…\"}, …]} or the bare array");
      }
      return new PromptTrack(Arrays.asList(JSON.treeToValue(keys, Key[].class)));
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": not a prompt track: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    } catch (InputException e) {
      throw e.getMessage().startsWith(file.toString())
          ? e
          : new InputException(file + ": " + e.getMessage());
    }
  }

  /** A track of one prompt, constant over the clip. */
  public static PromptTrack constant(String prompt) {
    return new PromptTrack(List.of(new Key(0, prompt, 0)));
  }

  /**
   * The distinct prompts, nearest frame 0 first (the order in which the CLI trains them, so the
   * start of the clip is ready first).
   */
  public List<String> prompts() {
    return new ArrayList<>(new LinkedHashSet<>(keys.stream().map(Key::prompt).toList()));
  }

  /** The look of frame {@code t} (0-based). */
  public Mix at(int t) {
    int i = 0;
    while (i + 1 < keys.size() && keys.get(i + 1).frame() <= t) {
      i++;
    }
    Key k = keys.get(i);
    if (i == 0) {
      return new Mix(k.prompt(), k.prompt(), 0);
    }
    String from = keys.get(i - 1).prompt();
    double amount =
        k.transition() == 0 ? 1 : Math.min(1, (t - k.frame()) / (double) k.transition());
    return amount >= 1 || from.equals(k.prompt())
        ? new Mix(k.prompt(), k.prompt(), 0)
        : new Mix(from, k.prompt(), amount);
  }
}
