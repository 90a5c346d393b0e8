package org.styleatlas.ofx.harness;

import com.sun.jna.Pointer;
import java.util.function.DoubleFunction;

/**
 * A clip of a descriptor or an instance. Input clips get their images from a source function of
 * time.
 */
public final class Clip {
  private final String name;
  private final PropertySet props;
  private final Pointer handle = Handles.register(this);
  private volatile DoubleFunction<HostImage> source;

  public Clip(String name, PropertySet props) {
    this.name = name;
    this.props = props;
  }

  public String name() {
    return name;
  }

  public PropertySet props() {
    return props;
  }

  public Pointer handle() {
    return handle;
  }

  public DoubleFunction<HostImage> source() {
    return source;
  }

  /** Connects the clip to frames; the first frame decides the clip's components and depth. */
  public void connect(DoubleFunction<HostImage> frames) {
    this.source = frames;
    HostImage first = frames.apply(0);
    props
        .putInt("OfxImageClipPropConnected", 1)
        .put("OfxImageEffectPropComponents", first.props().string("OfxImageEffectPropComponents"))
        .put(
            "OfxImageClipPropUnmappedComponents",
            first.props().string("OfxImageEffectPropComponents"))
        .put("OfxImageEffectPropPixelDepth", first.depth.ofx)
        .put("OfxImageClipPropUnmappedPixelDepth", first.depth.ofx)
        .put(
            "OfxImageEffectPropPreMultiplication",
            first.props().string("OfxImageEffectPropPreMultiplication"));
  }

  public Clip copyForInstance() {
    Clip c = new Clip(name, props.copy());
    c.props.putInt("OfxImageClipPropConnected", 0);
    return c;
  }
}
