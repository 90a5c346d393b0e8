package org.styleatlas.ofx.harness;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host side of the harness: its property set, the suites it offers through fetchSuite, and the
 * OfxHost struct handed to plug-ins. One per JVM (the suites are static native tables).
 */
public final class Host {
  public static final String TEMPORAL_ACCESS = "OfxImageEffectPropTemporalClipAccess";
  private static final Host INSTANCE = new Host();

  private final PropertySet props = new PropertySet();
  private final Map<String, Pointer> suites = new ConcurrentHashMap<>();
  private final Map<Clip, Effect> clipOwners = new ConcurrentHashMap<>();
  private final Fn.FetchSuite fetch;
  private final Memory struct = new Memory(2L * Native.POINTER_SIZE);
  private volatile boolean honoursTime;

  private Host() {
    props
        .put("OfxPropName", "org.styleatlas.harness")
        .put("OfxPropLabel", "StyleAtlas JNA harness")
        .putInt("OfxPropAPIVersion", 1, 4)
        .putInt("OfxImageEffectHostPropIsBackground", 1)
        .putInt("OfxImageEffectPropSupportsMultiResolution", 0)
        .putInt("OfxImageEffectPropSupportsTiles", 0)
        .putInt(TEMPORAL_ACCESS, 0)
        .putInt("OfxImageEffectPropSupportsMultipleClipDepths", 0)
        .put(
            "OfxImageEffectPropSupportedContexts",
            "OfxImageEffectContextFilter",
            "OfxImageEffectContextGeneral")
        .put(
            "OfxImageEffectPropSupportedPixelDepths",
            "OfxBitDepthByte",
            "OfxBitDepthShort",
            "OfxBitDepthFloat")
        .put(
            "OfxImageEffectPropSupportedComponents",
            "OfxImageComponentRGBA",
            "OfxImageComponentRGB",
            "OfxImageComponentAlpha")
        .putInt("OfxParamHostPropSupportsStringAnimation", 1)
        .putInt("OfxParamHostPropMaxPages", 4);
    suites.put(key("OfxPropertySuite", 1), PropertySuite.create());
    suites.put(key("OfxImageEffectSuite", 1), ImageEffectSuite.create());
    suites.put(key("OfxParameterSuite", 1), ParameterSuite.create());
    suites.put(key("OfxMemorySuite", 1), HostSuites.memory());
    suites.put(key("OfxMultiThreadSuite", 1), HostSuites.multiThread());
    Pointer message = HostSuites.message();
    suites.put(key("OfxMessageSuite", 1), message);
    suites.put(key("OfxMessageSuite", 2), message);
    Pointer progress = HostSuites.progress();
    suites.put(key("OfxProgressSuite", 1), progress);
    suites.put(key("OfxProgressSuite", 2), progress);
    fetch = (host, name, version) -> suites.get(key(Natives.read(name), version));
    Natives.keep(fetch);
    struct.setPointer(0, props.handle());
    struct.setPointer(Native.POINTER_SIZE, com.sun.jna.CallbackReference.getFunctionPointer(fetch));
  }

  private static String key(String name, int version) {
    return name + "/" + version;
  }

  public static Host current() {
    return INSTANCE;
  }

  /** The OfxHost struct. */
  public Pointer struct() {
    return struct;
  }

  public PropertySet props() {
    return props;
  }

  /** Whether clipGetImage answers at the time asked (else always with the frame being rendered). */
  public boolean honoursTime() {
    return honoursTime;
  }

  /** Plug-ins read this on load: unload and load again after changing it. */
  public void temporalAccess(boolean on) {
    temporalAccess(on, on);
  }

  /**
   * Declared and actual temporal access may differ: a real host declares it and ignores the time.
   */
  public void temporalAccess(boolean declared, boolean honoured) {
    honoursTime = honoured;
    props.putInt(TEMPORAL_ACCESS, declared ? 1 : 0);
  }

  void own(Clip clip, Effect instance) {
    clipOwners.put(clip, instance);
  }

  void disown(Effect instance) {
    clipOwners.values().removeIf(e -> e == instance);
  }

  Effect instanceOf(Clip clip) {
    return clipOwners.get(clip);
  }
}
