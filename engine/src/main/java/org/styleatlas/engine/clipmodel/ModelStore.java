package org.styleatlas.engine.clipmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.ProgressSink;

/**
 * The models directory: {@code NAME.pt} files with a {@code NAME.json} {@link ModelRecord} each.
 *
 * <p>Its location, first match wins: the system property {@value #DIR_PROPERTY}, the environment
 * variable {@value #DIR_ENV}, {@code $XDG_DATA_HOME/styleatlas/models}, {@code
 * ~/.local/share/styleatlas/models}. Files arrive through {@link #importFile} or {@link #fetch},
 * both verify SHA-256 and move into place atomically, so a half-copied file never carries a model's
 * name.
 */
public final class ModelStore {
  public static final String DIR_PROPERTY = "styleatlas.models.dir";
  public static final String DIR_ENV = "STYLEATLAS_MODELS_DIR";
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
  private static final String MODEL_SUFFIX = ".pt";
  private static final String RECORD_SUFFIX = ".json";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Path dir;

  public ModelStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The directory configured by property, environment or XDG default. */
  public static ModelStore fromEnvironment() {
    String property = System.getProperty(DIR_PROPERTY);
    if (property != null && !property.isBlank()) {
      return new ModelStore(Path.of(property));
    }
    String env = System.getenv(DIR_ENV);
    if (env != null && !env.isBlank()) {
      return new ModelStore(Path.of(env));
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path data =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return new ModelStore(data.resolve("styleatlas").resolve("models"));
  }

  public Path dir() {
    return dir;
  }

  /** Where the model called {@code name} is, or would be, stored. */
  public Path fileOf(String name) {
    return dir.resolve(storedName(name) + MODEL_SUFFIX);
  }

  private Path recordOf(String name) {
    return dir.resolve(storedName(name) + RECORD_SUFFIX);
  }

  /** Catalog names are stored under their catalog spelling; others as given, once validated. */
  private static String storedName(String name) {
    Optional<KnownClipModel> known = KnownClipModel.byName(name);
    if (known.isPresent()) {
      return known.get().name();
    }
    if (!NAME.matcher(name).matches()) {
      throw new InputException(
          "model name '" + name + "': use letters, digits, '.', '_' or '-' (at most 64)");
    }
    return name;
  }

  /**
   * Every {@code .pt} file of the directory, sorted by name; empty when the directory does not
   * exist.
   */
  public List<StoredModel> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<StoredModel> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(MODEL_SUFFIX)).sorted().toList()) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - MODEL_SUFFIX.length());
        Optional<ModelRecord> record = ModelRecord.read(dir.resolve(name + RECORD_SUFFIX));
        Optional<String> sha = record.map(ModelRecord::sha256);
        out.add(
            new StoredModel(
                name, file, Files.size(file), sha, sha.flatMap(KnownClipModel::bySha256)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the models directory " + dir, e);
    }
    return out;
  }

  /**
   * Copies a model file in. A file whose SHA-256 is a catalog model's is stored under that model's
   * name; any other file only when {@code asName} is given.
   *
   * @return the stored file
   * @throws InputException when the source is missing, or unknown and no name is given
   */
  public Path importFile(Path source, Optional<String> asName, ProgressSink progress) {
    if (!Files.isRegularFile(source)) {
      throw InputException.of(source, "no such file");
    }
    try {
      String sha = Sha256.of(source, progress);
      Optional<KnownClipModel> known = KnownClipModel.bySha256(sha);
      String name =
          known
              .map(KnownClipModel::name)
              .or(() -> asName)
              .orElseThrow(
                  () ->
                      InputException.of(
                          source,
                          "SHA-256 "
                              + sha
                              + " is none of the known CLIP models ("
                              + KnownClipModel.names()
                              + "); "
                              + "import it under a name of your choice with 'styleatlas models import "
                              + source
                              + " --as NAME', or use it in place with '--clip-model "
                              + source
                              + "'"));
      if (known.isEmpty()) {
        KnownClipModel.byName(name)
            .ifPresent(
                k -> {
                  throw InputException.of(
                      source,
                      "is not "
                          + k.name()
                          + " (its SHA-256 is "
                          + sha
                          + ", expected "
                          + k.sha256()
                          + "); pick another --as name");
                });
      }
      Files.createDirectories(dir);
      Path staged = stagingFile("import");
      try {
        Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        return install(name, staged, sha, known.isPresent());
      } finally {
        Files.deleteIfExists(staged);
      }
    } catch (IOException e) {
      throw InputException.of(
          source, "cannot be imported into " + dir + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Downloads a catalog model and verifies its SHA-256.
   *
   * @return the stored file
   */
  public Path fetch(KnownClipModel model, ModelDownloader downloader, ProgressSink progress)
      throws IOException {
    Files.createDirectories(dir);
    Path staged = stagingFile("fetch");
    try {
      String sha = downloader.download(model.url(), staged, progress);
      if (!sha.equals(model.sha256())) {
        throw new IOException(
            "the download of "
                + model.name()
                + " from "
                + model.url()
                + " has SHA-256 "
                + sha
                + ", expected "
                + model.sha256()
                + " (truncated or altered); try 'styleatlas models fetch "
                + model.name()
                + "' again");
      }
      return install(model.name(), staged, sha, true);
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  /**
   * A fresh hidden file name in the directory (not Files.createTempFile: seeding SecureRandom can
   * stall).
   */
  private Path stagingFile(String purpose) {
    return dir.resolve(
        "." + purpose + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".part");
  }

  /** Moves a verified staged file into place and records it. */
  private Path install(String name, Path staged, String sha, boolean catalogued)
      throws IOException {
    Path target = fileOf(name);
    Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    ModelRecord.of(storedName(name), target, sha, catalogued).write(recordOf(name));
    LOG.info("stored CLIP model {} at {} (SHA-256 {})", name, target, sha);
    return target;
  }

  /**
   * The stored file of {@code name}, checked against its record (re-hashed only when its size or
   * time changed).
   *
   * @return empty when no such file is stored
   * @throws InputException when the file is truncated or its SHA-256 changed, naming the command
   *     that fixes it
   */
  public Optional<Path> findVerified(String name, ProgressSink progress) {
    Path file = fileOf(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Optional<KnownClipModel> known = KnownClipModel.byName(name);
      Optional<ModelRecord> record = ModelRecord.read(recordOf(name));
      if (record.isPresent() && record.get().unchanged(file)) {
        return Optional.of(file);
      }
      Optional<String> expected =
          record.map(ModelRecord::sha256).or(() -> known.map(KnownClipModel::sha256));
      String sha = Sha256.of(file, progress);
      if (expected.isPresent() && !expected.get().equals(sha)) {
        throw InputException.of(
            file,
            "SHA-256 mismatch: "
                + Files.size(file)
                + " bytes with SHA-256 "
                + sha
                + ", expected "
                + expected.get()
                + " (truncated or corrupt); "
                + fixCommand(name));
      }
      if (expected.isEmpty()) {
        LOG.warn("{} has no record in {}; trusting it as model '{}'", file, dir, name);
      }
      ModelRecord.of(storedName(name), file, sha, known.isPresent()).write(recordOf(name));
      return Optional.of(file);
    } catch (IOException e) {
      throw InputException.of(file, "cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** The command that restores the model called {@code name}. */
  static String fixCommand(String name) {
    return KnownClipModel.byName(name)
        .map(
            k ->
                "run 'styleatlas models fetch "
                    + k.name()
                    + "' (or 'styleatlas models import FILE' with a"
                    + " copy you have)")
        .orElse("import it again with 'styleatlas models import FILE --as " + name + "'");
  }
}
