package org.styleatlas.engine.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.clipmodel.KnownClipModel;
import org.styleatlas.engine.clipmodel.ModelDownloader;
import org.styleatlas.engine.clipmodel.ModelStore;
import org.styleatlas.engine.clipmodel.StoredModel;
import org.styleatlas.engine.runtime.ProgressSink;

/**
 * The CLIP model files in a models directory, for {@code styleatlas models}: the known models
 * (installed or not) and the imported ones; import and fetch with their SHA-256 checks.
 */
public final class ModelLibrary {
  /** The default CLIP model's name. */
  public static final String DEFAULT_MODEL = KnownClipModel.DEFAULT_NAME;

  /** The environment variable that moves the models directory. */
  public static final String DIR_ENV = ModelStore.DIR_ENV;

  /**
   * One row of {@link #list()}.
   *
   * @param name the model's name
   * @param status {@code installed}, {@code not installed} or {@code imported}
   * @param bytes the file's size, when there is a file
   * @param description what it is, and how to get it when it is missing
   */
  public record Entry(String name, String status, OptionalLong bytes, String description) {}

  private final ModelStore store;

  private ModelLibrary(ModelStore store) {
    this.store = store;
  }

  /** The library in {@code dir}; empty: {@code $STYLEATLAS_MODELS_DIR}, else the default. */
  public static ModelLibrary at(Optional<Path> dir) {
    return new ModelLibrary(dir.map(ModelStore::new).orElseGet(ModelStore::fromEnvironment));
  }

  public Path dir() {
    return store.dir();
  }

  /** The known models first (installed or not), then the imported files. */
  public List<Entry> list() {
    List<StoredModel> stored = store.list();
    List<Entry> out = new ArrayList<>();
    for (KnownClipModel known : KnownClipModel.all()) {
      Optional<StoredModel> file =
          stored.stream().filter(s -> s.name().equals(known.name())).findFirst();
      out.add(
          new Entry(
              known.name(),
              file.isPresent() ? "installed" : "not installed",
              file.map(s -> OptionalLong.of(s.bytes())).orElse(OptionalLong.empty()),
              known.description()
                  + (file.isPresent()
                      ? ""
                      : "; get it with 'styleatlas models fetch " + known.name() + "'")));
    }
    for (StoredModel file : stored) {
      if (KnownClipModel.byName(file.name()).isEmpty()) {
        out.add(
            new Entry(
                file.name(),
                "imported",
                OptionalLong.of(file.bytes()),
                file.sha256().map(sha -> "SHA-256 " + sha).orElse("no record: placed by hand")));
      }
    }
    return out;
  }

  /**
   * Copies a model file in, after checking its SHA-256 against the known models (or under {@code
   * as}).
   */
  public Path importFile(Path file, Optional<String> as, ProgressSink progress) {
    return store.importFile(file, as, progress);
  }

  /** Downloads a known model from its public address and verifies its SHA-256. */
  public Path fetch(String name, ProgressSink progress) throws IOException {
    KnownClipModel model =
        KnownClipModel.byName(name)
            .orElseThrow(
                () ->
                    new InputException(
                        "models fetch "
                            + name
                            + ": unknown model; known: "
                            + KnownClipModel.names()));
    try {
      return store.fetch(model, new ModelDownloader(), progress);
    } catch (IOException e) {
      throw new IOException(
          "cannot fetch "
              + model.name()
              + " from "
              + model.url()
              + " ("
              + e
              + "); on a machine"
              + " without internet, copy the file here and run 'styleatlas models import FILE'",
          e);
    }
  }
}
