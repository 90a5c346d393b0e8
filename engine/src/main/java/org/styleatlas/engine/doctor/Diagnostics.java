package org.styleatlas.engine.doctor;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.cache.ContentCache;
import org.styleatlas.engine.clipmodel.ModelStore;
import org.styleatlas.engine.clipmodel.StoredModel;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.video.VideoRuntime;

/** The installation checks behind {@code styleatlas doctor}; each check catches its own failure. */
public final class Diagnostics {
  private static final int MIN_JAVA = 17;
  private static final long MIN_FREE_BYTES = 2L << 30;

  private Diagnostics() {}

  /** Runs every check; never throws. */
  public static List<Check> run(Path cacheRoot) {
    List<Check> checks = new ArrayList<>();
    checks.add(java());
    checks.add(offline());
    checks.add(pytorch());
    checks.add(ffmpeg());
    checks.add(cache(cacheRoot));
    checks.add(clipModels(ModelStore.fromEnvironment()));
    return checks;
  }

  static Check java() {
    int feature = Runtime.version().feature();
    String detail = "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    return feature >= MIN_JAVA
        ? Check.pass("Java", detail)
        : Check.fail(
            "Java",
            detail,
            "install Java " + MIN_JAVA + " or newer (Debian: apt-get install openjdk-17-jdk)");
  }

  static Check offline() {
    DjlRuntime.forceOffline();
    return Check.pass(
        "DJL offline mode",
        DjlRuntime.OFFLINE_PROPERTY + "=" + System.getProperty(DjlRuntime.OFFLINE_PROPERTY));
  }

  static Check pytorch() {
    try {
      Engine engine = DjlRuntime.engine();
      int gpus = engine.getGpuCount();
      return Check.pass(
          "PyTorch native library",
          "PyTorch "
              + engine.getVersion()
              + ", "
              + (gpus > 0
                  ? gpus + " GPU(s): training runs on GPU 0"
                  : "no GPU: training runs on the CPU"));
    } catch (IllegalStateException e) {
      return Check.fail(
          "PyTorch native library", e.getMessage(), "rebuild with 'mvn -B -DskipTests package'");
    }
  }

  static Check ffmpeg() {
    try {
      return Check.pass("FFmpeg and OpenCV", VideoRuntime.describe());
    } catch (RuntimeException | LinkageError e) {
      return Check.fail(
          "FFmpeg and OpenCV",
          String.valueOf(e.getMessage()),
          "the JavaCV native jars (linux-x86_64) must be on the class path; rebuild with 'mvn -B -DskipTests package'");
    }
  }

  static Check cache(Path root) {
    try {
      Files.createDirectories(root);
      Path probe = Files.createTempFile(root, ".doctor", ".tmp");
      Files.delete(probe);
      long free = Files.getFileStore(root).getUsableSpace();
      String detail = root + " is writable, " + (free >> 20) + " MiB free";
      return free >= MIN_FREE_BYTES
          ? Check.pass("Cache folder", detail)
          : Check.fail(
              "Cache folder",
              detail,
              "free at least 2 GiB there, or set XDG_CACHE_HOME to a larger disk");
    } catch (IOException e) {
      return Check.fail(
          "Cache folder", root + ": " + e.getMessage(), "make it writable or set XDG_CACHE_HOME");
    }
  }

  static Check clipModels(ModelStore store) {
    try {
      List<StoredModel> models = store.list();
      if (models.isEmpty()) {
        return Check.fail(
            "CLIP models",
            "none in " + store.dir(),
            "stylization needs one: 'styleatlas models fetch ViT-B-32', or 'styleatlas models import FILE'");
      }
      return Check.pass(
          "CLIP models", models.stream().map(StoredModel::name).toList() + " in " + store.dir());
    } catch (RuntimeException e) {
      return Check.fail(
          "CLIP models",
          store.dir() + ": " + e.getMessage(),
          "check the models folder's permissions");
    }
  }

  /** The default cache root, for callers without configuration. */
  public static Path defaultCacheRoot() {
    return ContentCache.defaultRoot();
  }
}
