package org.styleatlas.ofx.harness;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An OFX property set: named, typed, multi-dimensional values. Thread-safe. */
public final class PropertySet {
  /** The value type of a property, fixed by its first assignment. */
  public enum Kind {
    INT,
    DOUBLE,
    STRING,
    POINTER
  }

  private record Prop(Kind kind, List<Object> values) {}

  private final Map<String, Prop> props = new LinkedHashMap<>();
  private final Pointer handle = Handles.register(this);

  public Pointer handle() {
    return handle;
  }

  /** Sets value index of name; returns an OfxStatus. */
  public synchronized int set(String name, Kind kind, int index, Object value) {
    Prop p = props.computeIfAbsent(name, n -> new Prop(kind, new ArrayList<>()));
    if (p.kind != kind) return Status.ERR_VALUE;
    if (index < 0 || index > p.values.size()) return Status.ERR_BAD_INDEX;
    if (index == p.values.size()) p.values.add(value);
    else p.values.set(index, value);
    return Status.OK;
  }

  public synchronized int reset(String name) {
    Prop p = props.get(name);
    if (p == null) return Status.ERR_UNKNOWN;
    p.values.clear();
    return Status.OK;
  }

  /** The value, or null; status says why not in {@link #status}. */
  public synchronized Object get(String name, Kind kind, int index) {
    Prop p = props.get(name);
    return p == null || p.kind != kind || index < 0 || index >= p.values.size()
        ? null
        : p.values.get(index);
  }

  public synchronized int status(String name, Kind kind, int index) {
    Prop p = props.get(name);
    if (p == null) return Status.ERR_UNKNOWN;
    if (p.kind != kind) return Status.ERR_VALUE;
    return index < 0 || index >= p.values.size() ? Status.ERR_BAD_INDEX : Status.OK;
  }

  public synchronized int dimension(String name) {
    Prop p = props.get(name);
    return p == null ? -1 : p.values.size();
  }

  public synchronized boolean has(String name) {
    return props.containsKey(name);
  }

  // Host-side convenience.

  public PropertySet put(String name, String... values) {
    for (int i = 0; i < values.length; i++) set(name, Kind.STRING, i, values[i]);
    return this;
  }

  public PropertySet putInt(String name, int... values) {
    for (int i = 0; i < values.length; i++) set(name, Kind.INT, i, values[i]);
    return this;
  }

  public PropertySet putDouble(String name, double... values) {
    for (int i = 0; i < values.length; i++) set(name, Kind.DOUBLE, i, values[i]);
    return this;
  }

  public PropertySet putPointer(String name, Pointer value) {
    set(name, Kind.POINTER, 0, value);
    return this;
  }

  public String string(String name) {
    return (String) get(name, Kind.STRING, 0);
  }

  public synchronized List<String> strings(String name) {
    Prop p = props.get(name);
    List<String> out = new ArrayList<>();
    if (p != null && p.kind == Kind.STRING) p.values.forEach(v -> out.add((String) v));
    return out;
  }

  public Integer integer(String name) {
    return (Integer) get(name, Kind.INT, 0);
  }

  public Double number(String name, int index) {
    return (Double) get(name, Kind.DOUBLE, index);
  }

  public Pointer pointer(String name) {
    return (Pointer) get(name, Kind.POINTER, 0);
  }

  /** A copy with the same values (instances copy their descriptors' properties). */
  public synchronized PropertySet copy() {
    PropertySet c = new PropertySet();
    props.forEach(
        (name, p) -> {
          for (int i = 0; i < p.values.size(); i++) c.set(name, p.kind, i, p.values.get(i));
        });
    return c;
  }
}
