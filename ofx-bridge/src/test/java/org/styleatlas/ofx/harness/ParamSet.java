package org.styleatlas.ofx.harness;

import com.sun.jna.Pointer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of a descriptor or an instance. */
public final class ParamSet {
  private final Map<String, Param> params = new LinkedHashMap<>();
  private final PropertySet props = new PropertySet();
  private final Pointer handle = Handles.register(this);

  public Pointer handle() {
    return handle;
  }

  public PropertySet props() {
    return props;
  }

  public synchronized Param define(String type, String name) {
    if (params.containsKey(name)) return null;
    PropertySet p =
        new PropertySet()
            .put("OfxPropType", "OfxTypeParameter")
            .put("OfxPropName", name)
            .put("OfxParamPropType", type);
    Param param = new Param(name, type, p);
    params.put(name, param);
    return param;
  }

  public synchronized Param get(String name) {
    return params.get(name);
  }

  public synchronized Collection<Param> all() {
    return java.util.List.copyOf(params.values());
  }

  /** An instance's params, with the descriptor's properties and default values. */
  public synchronized ParamSet instantiate() {
    ParamSet copy = new ParamSet();
    params.forEach((name, p) -> copy.params.put(name, p.copyForInstance()));
    return copy;
  }
}
