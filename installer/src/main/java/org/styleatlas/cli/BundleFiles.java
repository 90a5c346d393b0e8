package org.styleatlas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the OpenFX bundle ({@code ofx-bridge/src/bundle}, shipped as {@code
 * OFX/StyleAtlas.ofx.bundle} in a distribution) that installing touches: the engine launcher and
 * its {@code RUNTIME=""} line, the plug-in binary, and the install manifest.
 */
final class BundleFiles {
  /** The engine launcher the plug-in runs when no engine answers. */
  static final String LAUNCHER = "Contents/Resources/styleatlas-engine";

  /** The plug-in binary. */
  static final String BINARY = "Contents/Linux-x86-64/StyleAtlas.ofx";

  /** What {@code styleatlas install} wrote, written last, inside the bundle it describes. */
  static final String MANIFEST = "Contents/Resources/styleatlas-install.json";

  private static final Pattern RUNTIME_LINE =
      Pattern.compile("^RUNTIME=\"([^\"]*)\"$", Pattern.MULTILINE);

  /** Characters a path must not have to be written between the launcher's double quotes. */
  private static final Pattern UNSAFE = Pattern.compile("[\"$`\\\\\\n]");

  private BundleFiles() {}

  /** The bundle that ships with the runtime at {@code home}. */
  static Path shipped(Path home) {
    return home.resolve("OFX").resolve(OfxPluginDirs.BUNDLE);
  }

  /** Sets the launcher's {@code RUNTIME} to {@code runtime}, so it starts that installation. */
  static void pointLauncherAt(Path bundle, Path runtime) throws IOException {
    String dir = runtime.toAbsolutePath().normalize().toString();
    if (UNSAFE.matcher(dir).find()) {
      throw new IOException(
          "the runtime folder "
              + dir
              + " has a quote, $, backquote, backslash or newline, which the"
              + " launcher script cannot hold; install StyleAtlas in another folder");
    }
    Path launcher = bundle.resolve(LAUNCHER);
    String script = Files.readString(launcher, StandardCharsets.UTF_8);
    Matcher m = RUNTIME_LINE.matcher(script);
    if (!m.find()) {
      throw new IOException(launcher + ": no RUNTIME=\"…\" line to point at the runtime");
    }
    Files.writeString(
        launcher, m.replaceFirst(Matcher.quoteReplacement("RUNTIME=\"" + dir + "\"")));
  }

  /** The runtime the launcher of {@code bundle} starts, when its {@code RUNTIME} line is set. */
  static Optional<Path> launcherRuntime(Path bundle) {
    try {
      Matcher m = RUNTIME_LINE.matcher(Files.readString(bundle.resolve(LAUNCHER)));
      return m.find() && !m.group(1).isEmpty()
          ? Optional.of(Path.of(m.group(1)))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
