package org.styleatlas.cli;

import java.util.Optional;
import org.styleatlas.engine.studio.ObjectBox;
import picocli.CommandLine.Option;

/**
 * {@code --box x0,y0,x1,y1[@frame]}: the object's box on one frame, from which its matte is
 * segmented on every frame (the plug-in's Box matte source); shared by {@code decompose}, {@code
 * stylize}, {@code render} and {@code matte}.
 */
final class BoxOption {
  static final String NAME = "--box";

  @Option(
      names = NAME,
      paramLabel = "X0,Y0,X1,Y1[@F]",
      description =
          "The object's box on frame F (default 0), in pixels of the source, or normalised (0-1,"
              + " with a decimal point, as the plug-in's Box parameters): its matte on every frame"
              + " is segmented from it.")
  String box;

  /** The parsed box, when given. */
  Optional<ObjectBox> box() {
    return Optional.ofNullable(box).map(b -> ObjectBox.parse(NAME, b));
  }
}
