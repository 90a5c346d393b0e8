package org.styleatlas.engine.clipmodel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model file in the models directory, as {@code styleatlas models list} shows it.
 *
 * @param name the name to pass to {@code --clip-model}
 * @param file the file
 * @param bytes its size
 * @param sha256 the SHA-256 recorded when it was stored, when there is a record
 * @param known the catalog entry, when the recorded SHA-256 is a known model's
 */
public record StoredModel(
    String name, Path file, long bytes, Optional<String> sha256, Optional<KnownClipModel> known) {}
