package org.styleatlas.engine.jobs;

import java.util.Arrays;
import java.util.Locale;
import org.styleatlas.engine.InputException;

/**
 * Enums on the wire: lower-case names, parsed with an error that names the field and the choices.
 */
final class WireEnums {
  private WireEnums() {}

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E parse(Class<E> type, String field, String s) {
    for (E e : type.getEnumConstants()) {
      if (name(e).equals(s)) {
        return e;
      }
    }
    throw new InputException(
        field
            + ": must be one of "
            + Arrays.stream(type.getEnumConstants()).map(WireEnums::name).toList()
            + ", got '"
            + s
            + "'");
  }
}
