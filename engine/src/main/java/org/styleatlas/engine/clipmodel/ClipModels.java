package org.styleatlas.engine.clipmodel;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.runtime.ProgressSink;

/**
 * Resolves {@code --clip-model NAME|FILE} to a loaded {@link ClipModel}.
 *
 * <p>A value that names an existing file, or looks like a path (contains a separator or ends in
 * {@code .pt}), is loaded in place. Anything else is a model name in the {@link ModelStore}: a
 * catalog model ({@link KnownClipModel}) or a name given at {@code models import --as}. Every
 * failure is an {@link InputException} that names the model and the command that fixes it.
 */
public final class ClipModels {
  private ClipModels() {}

  /** Opens from the default models directory. */
  public static ClipModel open(String nameOrPath, Device device) {
    return open(nameOrPath, device, ModelStore.fromEnvironment(), ProgressSink.NONE);
  }

  /**
   * Opens a model by name or file.
   *
   * @param progress receives "verify" progress when a stored file must be re-hashed
   */
  public static ClipModel open(
      String nameOrPath, Device device, ModelStore store, ProgressSink progress) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      throw new InputException(
          "--clip-model: empty; give a model name ("
              + KnownClipModel.names()
              + ", see 'styleatlas models list') or a TorchScript file");
    }
    Path asPath = Path.of(nameOrPath);
    if (Files.exists(asPath) || looksLikePath(nameOrPath)) {
      if (!Files.isRegularFile(asPath)) {
        throw InputException.of(
            asPath,
            "no such CLIP model file; give an existing TorchScript file or a model"
                + " name ("
                + KnownClipModel.names()
                + ")");
      }
      return loadExplaining(asPath, device, Optional.empty());
    }
    Optional<KnownClipModel> known = KnownClipModel.byName(nameOrPath);
    Optional<Path> stored = store.findVerified(nameOrPath, progress);
    if (stored.isEmpty()) {
      throw new InputException(
          known
              .map(
                  k ->
                      "CLIP model "
                          + k.name()
                          + " is not installed in "
                          + store.dir()
                          + "; run 'styleatlas models"
                          + " fetch "
                          + k.name()
                          + "', or 'styleatlas models import FILE' with a copy you already have")
              .orElse(
                  "--clip-model "
                      + nameOrPath
                      + ": no such model in "
                      + store.dir()
                      + " (known: "
                      + KnownClipModel.names()
                      + "; see 'styleatlas models list'), and no such file"));
    }
    return loadExplaining(stored.get(), device, Optional.of(nameOrPath));
  }

  /**
   * Parses a device choice: {@code auto} (the first GPU when there is one), {@code cpu}, {@code
   * gpu} or {@code gpu:N}; anything else, or a GPU this machine lacks, is an {@link InputException}
   * naming {@code --device}.
   */
  public static Device device(String choice) {
    if (choice.equals("auto")) {
      return DjlRuntime.engine().defaultDevice();
    }
    if (!choice.matches("cpu|gpu(:[0-9]{1,2})?")) {
      throw new InputException("--device " + choice + ": use auto, cpu, gpu or gpu:N");
    }
    Device chosen =
        choice.equals("cpu")
            ? Device.cpu()
            : Device.gpu(
                choice.contains(":")
                    ? Integer.parseInt(choice.substring(choice.indexOf(':') + 1))
                    : 0);
    if (chosen.isGpu() && chosen.getDeviceId() >= DjlRuntime.engine().getGpuCount()) {
      throw new InputException(
          "--device "
              + choice
              + ": this machine has "
              + DjlRuntime.engine().getGpuCount()
              + " GPU(s) usable by PyTorch");
    }
    return chosen;
  }

  /** Opens the model in {@code file} on the CPU. */
  public static ClipModel openOnCpu(Path file) {
    return ClipModel.load(file, Device.cpu());
  }

  /**
   * What identifies a CLIP model in stylized-atlas keys without loading it: the file name and size
   * of the model file {@code nameOrPath} resolves to (in {@link ModelStore#fromEnvironment()} for a
   * name), or the name itself when no such file exists yet.
   */
  public static String identity(String nameOrPath) {
    return identity(nameOrPath, ModelStore.fromEnvironment());
  }

  /** {@link #identity(String)} with names resolved in {@code store}. */
  public static String identity(String nameOrPath, ModelStore store) {
    Path asPath = Path.of(nameOrPath);
    if (Files.exists(asPath) || looksLikePath(nameOrPath)) {
      return identityOf(asPath);
    }
    try {
      return identityOf(store.fileOf(nameOrPath));
    } catch (InputException e) {
      return nameOrPath + ":unknown";
    }
  }

  /** The identity of a model file (the one {@link ClipModel#file()} names). */
  public static String identityOf(Path file) {
    try {
      return file.getFileName() + ":" + Files.size(file);
    } catch (java.io.IOException e) {
      return file.getFileName() + ":missing";
    }
  }

  private static boolean looksLikePath(String value) {
    boolean catalogName = KnownClipModel.byName(value).isPresent();
    return !catalogName
        && (value.contains("/") || value.contains(File.separator) || value.endsWith(".pt"));
  }

  private static ClipModel loadExplaining(Path file, Device device, Optional<String> storedName) {
    try {
      return ClipModel.load(file, device);
    } catch (InputException e) {
      String fix =
          storedName
              .map(ModelStore::fixCommand)
              .orElse(
                  "check that the file is complete, or fetch a known model with 'styleatlas models fetch "
                      + KnownClipModel.DEFAULT_NAME
                      + "'");
      throw new InputException(e.getMessage() + "; " + fix, e);
    } catch (EngineException e) {
      throw InputException.of(
          file,
          "loads, but its CLIP methods fail on "
              + device
              + " ("
              + ClipModel.firstLine(e.getMessage())
              + "). OpenAI's original archives were traced for CUDA in fp16 and run only on a GPU; for the CPU,"
              + " convert one once with 'scripts/make-clip-fixture.sh --convert-openai "
              + file
              + " OUT.pt' and use"
              + " '--clip-model OUT.pt' (see docs/CLIP.md)",
          e);
    }
  }
}
