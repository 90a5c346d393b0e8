package org.styleatlas.ofx.harness;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Native memory the plug-in sees. Everything handed to native code (suite tables, callbacks,
 * strings) is kept strongly reachable here for the life of the JVM: JNA frees what the GC collects,
 * and a collected callback crashes the JVM when the plug-in calls it.
 */
public final class Natives {
  private static final List<Object> KEEP = new CopyOnWriteArrayList<>();
  private static final ConcurrentHashMap<String, Memory> STRINGS = new ConcurrentHashMap<>();

  private Natives() {}

  /** A suite: a C struct of function pointers, in declaration order. */
  public static Pointer suite(Callback... functions) {
    Memory table = new Memory((long) Native.POINTER_SIZE * functions.length);
    for (int i = 0; i < functions.length; i++) {
      KEEP.add(functions[i]);
      table.setPointer(
          (long) i * Native.POINTER_SIZE, CallbackReference.getFunctionPointer(functions[i]));
    }
    KEEP.add(table);
    return table;
  }

  /** A NUL-terminated UTF-8 copy that lives as long as the JVM (values are interned). */
  public static Pointer string(String value) {
    return STRINGS.computeIfAbsent(
        value,
        v -> {
          byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
          Memory m = new Memory(bytes.length + 1L);
          m.write(0, bytes, 0, bytes.length);
          m.setByte(bytes.length, (byte) 0);
          return m;
        });
  }

  public static String read(Pointer p) {
    return p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
  }

  public static void keep(Object o) {
    KEEP.add(o);
  }
}
