package org.styleatlas.engine.studio;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loss value in a job's progress message. The trainers report their loss in the message ({@code
 * "loss 0.01234"}: {@code ProgressListener}, {@code EditingAtlasTrainer}), which is also the detail
 * the CLI's progress bar prints; the page reads the number from there rather than computing one.
 */
final class LossText {
  private static final Pattern LOSS =
      Pattern.compile("\\bloss ([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)");

  private LossText() {}

  /** The loss in {@code message}, or empty when it carries none. */
  static OptionalDouble parse(String message) {
    if (message == null) {
      return OptionalDouble.empty();
    }
    Matcher m = LOSS.matcher(message);
    return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
  }
}
