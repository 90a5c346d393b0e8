package org.styleatlas.ofx.harness;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Opaque handles for the plug-in: each object gets a unique native address. */
public final class Handles {
  private static final Map<Long, Object> OBJECTS = new ConcurrentHashMap<>();

  private Handles() {}

  public static Pointer register(Object o) {
    Memory token = new Memory(8);
    Natives.keep(token);
    OBJECTS.put(Pointer.nativeValue(token), o);
    return token;
  }

  public static void forget(Pointer handle) {
    OBJECTS.remove(Pointer.nativeValue(handle));
  }

  /** The object behind a handle, or null when the handle is unknown or of another kind. */
  public static <T> T lookup(Pointer handle, Class<T> type) {
    Object o = handle == null ? null : OBJECTS.get(Pointer.nativeValue(handle));
    return type.isInstance(o) ? type.cast(o) : null;
  }

  /** Applies body to the object behind handle, or answers kOfxStatErrBadHandle. */
  public static <T> int with(Pointer handle, Class<T> type, ToIntFunction<T> body) {
    T o = lookup(handle, type);
    return o == null ? Status.ERR_BAD_HANDLE : body.applyAsInt(o);
  }

  /**
   * Writes the pointer value(o) to out for the object behind handle (a suite "get handle" call).
   */
  public static <T> int answer(
      Pointer handle, Class<T> type, Pointer out, Function<T, Pointer> value) {
    return with(
        handle,
        type,
        o -> {
          out.setPointer(0, value.apply(o));
          return Status.OK;
        });
  }
}
