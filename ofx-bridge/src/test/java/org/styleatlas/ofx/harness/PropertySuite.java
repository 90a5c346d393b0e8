package org.styleatlas.ofx.harness;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.styleatlas.ofx.harness.PropertySet.Kind;

/** OfxPropertySuiteV1 over {@link PropertySet}s. */
final class PropertySuite {
  private PropertySuite() {}

  private static int set(Pointer h, Pointer name, Kind kind, int index, Object value) {
    PropertySet s = Handles.lookup(h, PropertySet.class);
    return s == null ? Status.ERR_BAD_HANDLE : s.set(Natives.read(name), kind, index, value);
  }

  private static Object element(Kind kind, Pointer array, int i) {
    return switch (kind) {
      case INT -> array.getInt(4L * i);
      case DOUBLE -> array.getDouble(8L * i);
      case STRING -> Natives.read(array.getPointer((long) Native.POINTER_SIZE * i));
      case POINTER -> array.getPointer((long) Native.POINTER_SIZE * i);
    };
  }

  private static int setN(Pointer h, Pointer name, Kind kind, int count, Pointer array) {
    int st = Status.OK;
    for (int i = 0; i < count && st == Status.OK; i++)
      st = set(h, name, kind, i, element(kind, array, i));
    return st;
  }

  private static void write(Kind kind, Pointer out, int i, Object v) {
    switch (kind) {
      case INT -> out.setInt(4L * i, (Integer) v);
      case DOUBLE -> out.setDouble(8L * i, (Double) v);
      case STRING -> out.setPointer((long) Native.POINTER_SIZE * i, Natives.string((String) v));
      case POINTER -> out.setPointer((long) Native.POINTER_SIZE * i, (Pointer) v);
    }
  }

  private static int getN(Pointer h, Pointer name, Kind kind, int first, int count, Pointer out) {
    PropertySet s = Handles.lookup(h, PropertySet.class);
    if (s == null) return Status.ERR_BAD_HANDLE;
    String n = Natives.read(name);
    for (int i = 0; i < count; i++) {
      int st = s.status(n, kind, first + i);
      if (st != Status.OK) return st;
      write(kind, out, i, s.get(n, kind, first + i));
    }
    return Status.OK;
  }

  static Pointer create() {
    return Natives.suite(
        (Fn.PPIP) (h, n, i, v) -> set(h, n, Kind.POINTER, i, v),
        (Fn.PPIP) (h, n, i, v) -> set(h, n, Kind.STRING, i, Natives.read(v)),
        (Fn.PPID) (h, n, i, v) -> set(h, n, Kind.DOUBLE, i, v),
        (Fn.PPII) (h, n, i, v) -> set(h, n, Kind.INT, i, v),
        (Fn.PPIP) (h, n, c, a) -> setN(h, n, Kind.POINTER, c, a),
        (Fn.PPIP) (h, n, c, a) -> setN(h, n, Kind.STRING, c, a),
        (Fn.PPIP) (h, n, c, a) -> setN(h, n, Kind.DOUBLE, c, a),
        (Fn.PPIP) (h, n, c, a) -> setN(h, n, Kind.INT, c, a),
        (Fn.PPIP) (h, n, i, out) -> getN(h, n, Kind.POINTER, i, 1, out),
        (Fn.PPIP) (h, n, i, out) -> getN(h, n, Kind.STRING, i, 1, out),
        (Fn.PPIP) (h, n, i, out) -> getN(h, n, Kind.DOUBLE, i, 1, out),
        (Fn.PPIP) (h, n, i, out) -> getN(h, n, Kind.INT, i, 1, out),
        (Fn.PPIP) (h, n, c, out) -> getN(h, n, Kind.POINTER, 0, c, out),
        (Fn.PPIP) (h, n, c, out) -> getN(h, n, Kind.STRING, 0, c, out),
        (Fn.PPIP) (h, n, c, out) -> getN(h, n, Kind.DOUBLE, 0, c, out),
        (Fn.PPIP) (h, n, c, out) -> getN(h, n, Kind.INT, 0, c, out),
        (Fn.PP)
            (h, n) -> {
              PropertySet s = Handles.lookup(h, PropertySet.class);
              return s == null ? Status.ERR_BAD_HANDLE : s.reset(Natives.read(n));
            },
        (Fn.PPP)
            (h, n, out) -> {
              PropertySet s = Handles.lookup(h, PropertySet.class);
              if (s == null) return Status.ERR_BAD_HANDLE;
              int d = s.dimension(Natives.read(n));
              if (d < 0) return Status.ERR_UNKNOWN;
              out.setInt(0, d);
              return Status.OK;
            });
  }
}
