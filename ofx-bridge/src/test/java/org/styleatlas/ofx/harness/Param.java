package org.styleatlas.ofx.harness;

import com.sun.jna.Pointer;
import java.util.Map;
import java.util.TreeMap;

/**
 * One parameter of an instance: its properties and its value, constant or keyframed. Strings, ints,
 * booleans and choices step from key to key; doubles interpolate linearly, as real hosts do.
 */
public final class Param {
  public static final String STRING = "OfxParamTypeString";
  public static final String INTEGER = "OfxParamTypeInteger";
  public static final String DOUBLE = "OfxParamTypeDouble";
  public static final String DOUBLE_2D = "OfxParamTypeDouble2D";
  public static final String BOOLEAN = "OfxParamTypeBoolean";
  public static final String CHOICE = "OfxParamTypeChoice";
  public static final String PAGE = "OfxParamTypePage";
  private static final String DEFAULT = "OfxParamPropDefault";

  private final String name;
  private final String type;
  private final PropertySet props;
  private final TreeMap<Double, Object> keys = new TreeMap<>();
  private final Pointer handle = Handles.register(this);
  private Object value;
  private boolean assigned;

  public Param(String name, String type, PropertySet props) {
    this.name = name;
    this.type = type;
    this.props = props;
  }

  private Object defaultValue() {
    return switch (type) {
      case STRING -> props.string(DEFAULT) == null ? "" : props.string(DEFAULT);
      case DOUBLE -> props.number(DEFAULT, 0) == null ? 0.0 : props.number(DEFAULT, 0);
      case DOUBLE_2D ->
          new double[] {orZero(props.number(DEFAULT, 0)), orZero(props.number(DEFAULT, 1))};
      case PAGE -> null;
      default -> props.integer(DEFAULT) == null ? 0 : props.integer(DEFAULT);
    };
  }

  private static double orZero(Double d) {
    return d == null ? 0.0 : d;
  }

  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public PropertySet props() {
    return props;
  }

  public Pointer handle() {
    return handle;
  }

  public synchronized void set(Object v) {
    keys.clear();
    value = v;
    assigned = true;
  }

  public synchronized void setKey(double time, Object v) {
    keys.put(time, v);
  }

  public synchronized int numKeys() {
    return keys.size();
  }

  public synchronized Double keyTime(int nth) {
    return nth < 0 || nth >= keys.size()
        ? null
        : keys.keySet().stream().skip(nth).findFirst().orElse(null);
  }

  public synchronized Object valueAt(double t) {
    if (keys.isEmpty()) return assigned ? value : defaultValue();
    Map.Entry<Double, Object> before = keys.floorEntry(t);
    Map.Entry<Double, Object> after = keys.ceilingEntry(t);
    if (before == null) return after.getValue();
    if (after == null || !DOUBLE.equals(type) || after.getKey().equals(before.getKey()))
      return before.getValue();
    double f = (t - before.getKey()) / (after.getKey() - before.getKey());
    return (Double) before.getValue()
        + f * ((Double) after.getValue() - (Double) before.getValue());
  }

  /** The current value (the host's "edited" value, or the value at time 0 when keyframed). */
  public Object value() {
    return valueAt(0);
  }

  public Param copyForInstance() {
    return new Param(name, type, props.copy());
  }
}
