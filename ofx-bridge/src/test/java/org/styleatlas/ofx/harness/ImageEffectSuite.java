package org.styleatlas.ofx.harness;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OfxImageEffectSuiteV1. Like the real host measured in docs, a host without temporal access
 * answers clipGetImage at any time with the frame being rendered.
 */
final class ImageEffectSuite {
  private static final String OUTPUT = "Output";
  private static final Map<Long, Effect> IMAGE_OWNERS = new ConcurrentHashMap<>();
  private static final Map<Long, Memory> IMAGE_MEMORY = new ConcurrentHashMap<>();

  private ImageEffectSuite() {}

  private static Effect ownerOf(Clip clip) {
    return Host.current().instanceOf(clip);
  }

  private static int getImage(Pointer clipHandle, double time, Pointer out) {
    Clip clip = Handles.lookup(clipHandle, Clip.class);
    Effect effect = clip == null ? null : ownerOf(clip);
    if (effect == null) return Status.ERR_BAD_HANDLE;
    Double now = effect.renderTime.get();
    HostImage image;
    if (OUTPUT.equals(clip.name())) {
      image = effect.renderOutput.get();
    } else if (clip.source() == null) {
      return Status.FAILED;
    } else {
      image = clip.source().apply(Host.current().honoursTime() || now == null ? time : now);
    }
    if (image == null) return Status.FAILED;
    effect.outstanding().incrementAndGet();
    IMAGE_OWNERS.put(Pointer.nativeValue(image.props().handle()), effect);
    out.setPointer(0, image.props().handle());
    return Status.OK;
  }

  private static int regionOfDefinition(Pointer clipHandle, double time, Pointer out) {
    Clip clip = Handles.lookup(clipHandle, Clip.class);
    if (clip == null || clip.source() == null)
      return clip == null ? Status.ERR_BAD_HANDLE : Status.FAILED;
    HostImage image = clip.source().apply(time);
    out.setDouble(0, image.x1);
    out.setDouble(8, image.y1);
    out.setDouble(16, image.x2);
    out.setDouble(24, image.y2);
    return Status.OK;
  }

  static Pointer create() {
    return Natives.suite(
        (Fn.PP) (h, out) -> Handles.answer(h, Effect.class, out, e -> e.props().handle()),
        (Fn.PP) (h, out) -> Handles.answer(h, Effect.class, out, e -> e.params().handle()),
        (Fn.PPP)
            (h, name, out) ->
                Handles.answer(
                    h, Effect.class, out, e -> e.defineClip(Natives.read(name)).props().handle()),
        (Fn.PPPP)
            (h, name, outClip, outProps) -> {
              Effect e = Handles.lookup(h, Effect.class);
              Clip c = e == null ? null : e.clip(Natives.read(name));
              if (c == null) return e == null ? Status.ERR_BAD_HANDLE : Status.ERR_UNKNOWN;
              outClip.setPointer(0, c.handle());
              if (outProps != null) outProps.setPointer(0, c.props().handle());
              return Status.OK;
            },
        (Fn.PP) (h, out) -> Handles.answer(h, Clip.class, out, c -> c.props().handle()),
        (Fn.PDPP) (clip, time, region, out) -> getImage(clip, time, out),
        (Fn.P)
            image -> {
              Effect owner = IMAGE_OWNERS.get(Pointer.nativeValue(image));
              if (owner == null) return Status.ERR_BAD_HANDLE;
              owner.outstanding().decrementAndGet();
              return Status.OK;
            },
        (Fn.PDP) ImageEffectSuite::regionOfDefinition,
        (Fn.P) h -> Handles.with(h, Effect.class, e -> e.aborted() ? 1 : 0) == 1 ? 1 : 0,
        (Fn.PLP)
            (h, bytes, out) -> {
              Memory m = new Memory(Math.max(1, bytes));
              Pointer handle = Handles.register(m);
              IMAGE_MEMORY.put(Pointer.nativeValue(handle), m);
              out.setPointer(0, handle);
              return Status.OK;
            },
        (Fn.P)
            h ->
                IMAGE_MEMORY.remove(Pointer.nativeValue(h)) == null
                    ? Status.ERR_BAD_HANDLE
                    : Status.OK,
        (Fn.PP)
            (h, out) -> {
              Memory m = IMAGE_MEMORY.get(Pointer.nativeValue(h));
              if (m == null) return Status.ERR_BAD_HANDLE;
              out.setPointer(0, m);
              return Status.OK;
            },
        (Fn.P)
            h ->
                IMAGE_MEMORY.containsKey(Pointer.nativeValue(h))
                    ? Status.OK
                    : Status.ERR_BAD_HANDLE);
  }
}
