package org.styleatlas.ofx.harness;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
}
