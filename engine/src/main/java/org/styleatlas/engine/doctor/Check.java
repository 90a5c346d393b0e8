package org.styleatlas.engine.doctor;

/**
 * One installation check of {@code styleatlas doctor}.
 *
 * @param name what was checked, e.g. "PyTorch native library"
 * @param ok whether it passed
 * @param detail what was found (a version, a path, an error)
 * @param fix what to do when it failed; empty when it passed
 */
public record Check(String name, boolean ok, String detail, String fix) {

  public static Check pass(String name, String detail) {
    return new Check(name, true, detail, "");
  }

  public static Check fail(String name, String detail, String fix) {
    return new Check(name, false, detail, fix);
  }
}
