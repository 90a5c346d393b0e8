package org.styleatlas.ofx.harness;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A host-side image: OFX pixel coordinates (y up), any depth and component count, and rows stored
 * bottom-up (positive row bytes) or top-down with negative row bytes, as some real hosts do.
 */
public final class HostImage {
  /** Pixel depths with their OFX names and sample sizes. */
  public enum Depth {
    BYTE("OfxBitDepthByte", 1),
    SHORT("OfxBitDepthShort", 2),
    FLOAT("OfxBitDepthFloat", 4);

    public final String ofx;
    public final int bytes;

    Depth(String ofx, int bytes) {
      this.ofx = ofx;
      this.bytes = bytes;
    }
  }

  public final int x1, y1, x2, y2, components;
  public final Depth depth;
  public final boolean negativeRowBytes;
  private final Memory memory;
  private final Pointer data;
  private final int rowBytes;
  private final PropertySet props = new PropertySet();
  private boolean premultiplied;

  public HostImage(
      int x1,
      int y1,
      int width,
      int height,
      Depth depth,
      int components,
      boolean negativeRowBytes) {
    this.x1 = x1;
    this.y1 = y1;
    this.x2 = x1 + width;
    this.y2 = y1 + height;
    this.depth = depth;
    this.components = components;
    this.negativeRowBytes = negativeRowBytes;
    int stride = width * components * depth.bytes + 8; // padded rows, as hosts may do
    this.memory = new Memory((long) stride * height);
    this.memory.clear();
    this.data = negativeRowBytes ? memory.share((long) stride * (height - 1)) : memory;
    this.rowBytes = negativeRowBytes ? -stride : stride;
    String comps =
        components == 4
            ? "OfxImageComponentRGBA"
            : components == 3 ? "OfxImageComponentRGB" : "OfxImageComponentAlpha";
    props
        .putPointer("OfxImagePropData", data)
        .putInt("OfxImagePropBounds", x1, y1, x2, y2)
        .putInt("OfxImagePropRegionOfDefinition", x1, y1, x2, y2)
        .putInt("OfxImagePropRowBytes", rowBytes)
        .put("OfxImageEffectPropPixelDepth", depth.ofx)
        .put("OfxImageEffectPropComponents", comps)
        .put(
            "OfxImageEffectPropPreMultiplication",
            components == 4 ? "OfxImageAlphaUnPremultiplied" : "OfxImageOpaque")
        .putDouble("OfxImagePropPixelAspectRatio", 1.0)
        .put("OfxImagePropField", "OfxImageFieldNone")
        .put("OfxImagePropUniqueIdentifier", Integer.toHexString(System.identityHashCode(this)))
        .putDouble("OfxImageEffectPropRenderScale", 1.0, 1.0);
  }

  public HostImage blankLike() {
    HostImage blank = new HostImage(x1, y1, width(), height(), depth, components, negativeRowBytes);
    return premultiplied ? blank.premultiplied() : blank;
  }

  /**
   * Declares the colour samples premultiplied by alpha (RGBA only), as some hosts deliver them; a
   * blank image like this one is premultiplied too.
   */
  public HostImage premultiplied() {
    if (components != 4)
      throw new IllegalStateException("only RGBA images carry premultiplied colour");
    premultiplied = true;
    props.put("OfxImageEffectPropPreMultiplication", "OfxImageAlphaPremultiplied");
    return this;
  }

  /** Sets every byte to 0, as a fresh image. */
  public void clear() {
    memory.clear();
  }

  public int width() {
    return x2 - x1;
  }

  public int height() {
    return y2 - y1;
  }

  public PropertySet props() {
    return props;
  }

  private long offset(int x, int y, int c) {
    return (long) (y - y1) * rowBytes + (long) ((x - x1) * components + c) * depth.bytes;
  }

  /** Sample c at OFX pixel (x, y), normalised to [0, 1] for integer depths. */
  public float get(int x, int y, int c) {
    long o = offset(x, y, c);
    return switch (depth) {
      case BYTE -> (data.getByte(o) & 0xFF) / 255f;
      case SHORT -> (data.getShort(o) & 0xFFFF) / 65535f;
      case FLOAT -> data.getFloat(o);
    };
  }

  /** Raw integer sample (byte and short depths). */
  public int raw(int x, int y, int c) {
    long o = offset(x, y, c);
    return depth == Depth.BYTE ? data.getByte(o) & 0xFF : data.getShort(o) & 0xFFFF;
  }

  /** Writes a raw integer sample (byte and short depths). */
  public void setRaw(int x, int y, int c, int v) {
    long o = offset(x, y, c);
    switch (depth) {
      case BYTE -> data.setByte(o, (byte) v);
      case SHORT -> data.setShort(o, (short) v);
      case FLOAT -> throw new IllegalStateException("float samples have no raw integer form");
    }
  }

  public void set(int x, int y, int c, float v) {
    long o = offset(x, y, c);
    switch (depth) {
      case BYTE -> data.setByte(o, (byte) Math.round(Math.max(0, Math.min(1, v)) * 255));
      case SHORT -> data.setShort(o, (short) Math.round(Math.max(0, Math.min(1, v)) * 65535));
      case FLOAT -> data.setFloat(o, v);
    }
  }

  /**
   * Writes one row of 8-bit samples ({@code width × components} bytes) at OFX row y, in one native
   * copy.
   */
  public void setRow(int y, byte[] samples) {
    if (depth != Depth.BYTE || samples.length != width() * components) {
      throw new IllegalArgumentException(
          "setRow takes one row of 8-bit samples, " + width() * components + " bytes");
    }
    data.write(offset(x1, y, 0), samples, 0, samples.length);
  }

  /** Fills with a pattern that differs per pixel, channel and frame. */
  public HostImage fillPattern(int frame) {
    for (int y = y1; y < y2; y++) {
      for (int x = x1; x < x2; x++) {
        for (int c = 0; c < components; c++)
          set(x, y, c, ((x * 7 + y * 13 + c * 50 + frame * 31) % 256) / 255f);
      }
    }
    return this;
  }
}
