package org.styleatlas.engine.jobs;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Checks on paths that arrive from requests: absolute, already normal, no '..' segment. */
public final class SafePaths {
  private SafePaths() {}

  /**
   * Whether {@code s} is an absolute path that normalising would not change and that has no '..'.
   */
  public static boolean isAbsoluteNormal(String s) {
    if (s == null || s.isEmpty() || s.indexOf('\0') >= 0) {
      return false;
    }
    try {
      Path p = Path.of(s);
      if (!p.isAbsolute() || !p.normalize().equals(p)) {
        return false;
      }
      for (Path part : p) {
        if (part.toString().equals("..")) {
          return false;
        }
      }
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
