package org.styleatlas.ofx.harness;

import java.util.function.DoubleFunction;

/** Drives a plug-in through the actions, in the order real hosts call them. */
public final class Session {
  public static final String FILTER = "OfxImageEffectContextFilter";
  public static final String GENERAL = "OfxImageEffectContextGeneral";
  public static final String SOURCE = "Source";
  public static final String OUTPUT = "Output";
  public static final String MATTE = "Matte";

  /** The status of a render and the image the host gave as output. */
  public record Render(int status, HostImage output) {}

  private final Plugin plugin;

  public Session(Plugin plugin) {
    this.plugin = plugin;
  }

  public Plugin plugin() {
    return plugin;
  }

  public int load() {
    return plugin.action("OfxActionLoad", null, null, null);
  }

  public int unload() {
    return plugin.action("OfxActionUnload", null, null, null);
  }

  private static void check(String action, int status) {
    if (status != Status.OK && status != Status.REPLY_DEFAULT) {
      throw new IllegalStateException(action + " returned " + status);
    }
  }

  public Effect describe() {
    Effect descriptor =
        new Effect(new PropertySet().put("OfxPropType", "OfxTypeImageEffect"), new ParamSet());
    check("describe", plugin.action("OfxActionDescribe", descriptor.handle(), null, null));
    return descriptor;
  }

  public Effect describeInContext(Effect descriptor, String context) {
    Effect ctx = new Effect(descriptor.props().copy(), new ParamSet());
    PropertySet in = new PropertySet().put("OfxImageEffectPropContext", context);
    check(
        "describeInContext",
        plugin.action("OfxImageEffectActionDescribeInContext", ctx.handle(), in, null));
    return ctx;
  }

  /** A new instance of a context descriptor, with Source (and Matte, when given) connected. */
  public Effect createInstance(
      Effect contextDescriptor,
      String context,
      DoubleFunction<HostImage> source,
      DoubleFunction<HostImage> matte) {
    PropertySet props =
        contextDescriptor
            .props()
            .copy()
            .put("OfxPropType", "OfxTypeImageEffectInstance")
            .put("OfxImageEffectPropContext", context)
            .putInt("OfxPropIsInteractive", 0);
    Effect instance = new Effect(props, contextDescriptor.params().instantiate());
    contextDescriptor
        .clips()
        .values()
        .forEach(
            c -> {
              Clip copy = c.copyForInstance();
              instance.addClip(copy);
              Host.current().own(copy, instance);
            });
    instance.clip(SOURCE).connect(source);
    if (matte != null) instance.clip(MATTE).connect(matte);
    check(
        "createInstance", plugin.action("OfxActionCreateInstance", instance.handle(), null, null));
    return instance;
  }

  public int destroyInstance(Effect instance) {
    int st = plugin.action("OfxActionDestroyInstance", instance.handle(), null, null);
    Host.current().disown(instance);
    return st;
  }

  /** Renders the whole frame at time t into a fresh output image like the source's. */
  public Render render(Effect instance, double t) {
    return renderInto(instance, t, instance.clip(SOURCE).source().apply(t).blankLike());
  }

  /**
   * Renders the whole frame at time t into output as it is (the caller clears it when it wants a
   * blank image): a host's frame buffer, reused from render to render as real hosts do (the
   * benchmarks; a fresh 1080p image costs a new allocation and its page faults every frame).
   */
  public Render render(Effect instance, double t, HostImage output) {
    return renderInto(instance, t, output);
  }

  private Render renderInto(Effect instance, double t, HostImage output) {
    PropertySet in =
        new PropertySet()
            .putDouble("OfxPropTime", t)
            .put("OfxImageEffectPropFieldToRender", "OfxImageFieldNone")
            .putInt("OfxImageEffectPropRenderWindow", output.x1, output.y1, output.x2, output.y2)
            .putDouble("OfxImageEffectPropRenderScale", 1.0, 1.0)
            .putInt("OfxImageEffectPropSequentialRenderStatus", 1)
            .putInt("OfxImageEffectPropInteractiveRenderStatus", 0);
    instance.renderTime.set(t);
    instance.renderOutput.set(output);
    try {
      return new Render(
          plugin.action("OfxImageEffectActionRender", instance.handle(), in, null), output);
    } finally {
      instance.renderTime.remove();
      instance.renderOutput.remove();
    }
  }

  public int sequence(Effect instance, boolean begin, double first, double last) {
    PropertySet in =
        new PropertySet()
            .putDouble("OfxImageEffectPropFrameRange", first, last)
            .putDouble("OfxImageEffectPropFrameStep", 1.0)
            .putInt("OfxPropIsInteractive", 0)
            .putDouble("OfxImageEffectPropRenderScale", 1.0, 1.0);
    return plugin.action(
        begin ? "OfxImageEffectActionBeginSequenceRender" : "OfxImageEffectActionEndSequenceRender",
        instance.handle(),
        in,
        null);
  }

  /** isIdentity at t: the status, and the clip named in outArgs. */
  public record Identity(int status, String clip) {}

  public Identity isIdentity(Effect instance, double t) {
    PropertySet in =
        new PropertySet()
            .putDouble("OfxPropTime", t)
            .put("OfxImageEffectPropFieldToRender", "OfxImageFieldNone")
            .putInt("OfxImageEffectPropRenderWindow", 0, 0, 1, 1)
            .putDouble("OfxImageEffectPropRenderScale", 1.0, 1.0);
    PropertySet out = new PropertySet().put("OfxPropName", "").putDouble("OfxPropTime", t);
    int st = plugin.action("OfxImageEffectActionIsIdentity", instance.handle(), in, out);
    return new Identity(st, out.string("OfxPropName"));
  }

  public PropertySet clipPreferences(Effect instance) {
    PropertySet out = new PropertySet();
    check(
        "getClipPreferences",
        plugin.action("OfxImageEffectActionGetClipPreferences", instance.handle(), null, out));
    return out;
  }

  public PropertySet regionOfDefinition(Effect instance, double t) {
    PropertySet in =
        new PropertySet()
            .putDouble("OfxPropTime", t)
            .putDouble("OfxImageEffectPropRenderScale", 1.0, 1.0);
    PropertySet out =
        new PropertySet().putDouble("OfxImageEffectPropRegionOfDefinition", 0, 0, 0, 0);
    check(
        "getRegionOfDefinition",
        plugin.action("OfxImageEffectActionGetRegionOfDefinition", instance.handle(), in, out));
    return out;
  }

  public int instanceChanged(Effect instance, String param) {
    PropertySet in =
        new PropertySet()
            .put("OfxPropType", "OfxTypeParameter")
            .put("OfxPropName", param)
            .put("OfxPropChangeReason", "OfxChangeUserEdited")
            .putDouble("OfxPropTime", 0)
            .putDouble("OfxImageEffectPropRenderScale", 1.0, 1.0);
    return plugin.action("OfxActionInstanceChanged", instance.handle(), in, null);
  }

  public int purgeCaches(Effect instance) {
    return plugin.action("OfxActionPurgeCaches", instance.handle(), null, null);
  }
}
