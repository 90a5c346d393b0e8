package org.styleatlas.ofx.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How an OpenFX host on Linux finds plug-ins: every folder on {@code OFX_PLUGIN_PATH} (colon
 * separated, in order), then {@code /usr/OFX/Plugins}, searched recursively for {@code
 * NAME.ofx.bundle} folders whose binary {@code Contents/Linux-x86-64/NAME.ofx} exists.
 */
public final class PluginPath {
  public static final String ENV = "OFX_PLUGIN_PATH";
  public static final Path SYSTEM_FOLDER = Path.of("/usr/OFX/Plugins");
  private static final String BUNDLE_SUFFIX = ".ofx.bundle";

  private PluginPath() {}

  /**
   * @param ofxPluginPath the value of {@value #ENV} (null or empty: none)
   * @param withSystemFolder whether {@link #SYSTEM_FOLDER} is searched after it
   * @return the bundles found, in search order
   */
  public static List<Path> bundles(String ofxPluginPath, boolean withSystemFolder) {
    List<Path> folders = new ArrayList<>();
    if (ofxPluginPath != null) {
      for (String f : ofxPluginPath.split(":")) {
        if (!f.isBlank()) folders.add(Path.of(f));
      }
    }
    if (withSystemFolder) folders.add(SYSTEM_FOLDER);
    List<Path> found = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) continue;
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(PluginPath::isBundle).sorted().forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot search " + folder, e);
      }
    }
    return found;
  }

  /** The binary of a bundle found by {@link #bundles}. */
  public static Path binary(Path bundle) {
    String name = bundle.getFileName().toString();
    String plugin = name.substring(0, name.length() - ".bundle".length());
    return bundle.resolve("Contents").resolve("Linux-x86-64").resolve(plugin);
  }

  private static boolean isBundle(Path p) {
    return p.getFileName().toString().endsWith(BUNDLE_SUFFIX)
        && Files.isDirectory(p)
        && Files.isRegularFile(binary(p));
  }
}
