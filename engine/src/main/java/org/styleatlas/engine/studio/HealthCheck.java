package org.styleatlas.engine.studio;

/**
 * One check of {@code styleatlas doctor}: of the engine's runtime ({@link Studio#diagnostics}) or
 * of the installation around it (the OpenFX bundle, the engine started from its launcher, a render
 * round trip).
 *
 * @param name what was checked, e.g. "PyTorch native library"
 * @param ok whether it passed
 * @param detail what was found (a version, a path, an error)
 * @param fix what to do when it failed; empty when it passed
 */
public record HealthCheck(String name, boolean ok, String detail, String fix) {

  public static HealthCheck pass(String name, String detail) {
    return new HealthCheck(name, true, detail, "");
  }

  public static HealthCheck fail(String name, String detail, String fix) {
    return new HealthCheck(name, false, detail, fix);
  }
}
