package org.styleatlas.ofx.harness;

import com.sun.jna.Pointer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An image effect handle: a descriptor (plug-in or per context) or an instance. */
public final class Effect {
  /** A message posted through the message suite. */
  public record Message(String type, String text) {}

  private final PropertySet props;
  private final ParamSet params;
  private final Map<String, Clip> clips = new LinkedHashMap<>();
  private final Pointer handle = Handles.register(this);
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final List<Double> progress = new CopyOnWriteArrayList<>();
  private final AtomicInteger outstandingImages = new AtomicInteger();
  final ThreadLocal<Double> renderTime = new ThreadLocal<>();
  final ThreadLocal<HostImage> renderOutput = new ThreadLocal<>();
  private volatile boolean abort;

  public Effect(PropertySet props, ParamSet params) {
    this.props = props;
    this.params = params;
  }

  public Pointer handle() {
    return handle;
  }

  public PropertySet props() {
    return props;
  }

  public ParamSet params() {
    return params;
  }

  public synchronized Clip clip(String name) {
    return clips.get(name);
  }

  public synchronized Map<String, Clip> clips() {
    return Map.copyOf(clips);
  }

  synchronized Clip defineClip(String name) {
    return clips.computeIfAbsent(name, n -> new Clip(n, new PropertySet().put("OfxPropName", n)));
  }

  synchronized void addClip(Clip c) {
    clips.put(c.name(), c);
  }

  public List<Message> messages() {
    return messages;
  }

  public List<Double> progress() {
    return progress;
  }

  public void abort(boolean value) {
    abort = value;
  }

  public boolean aborted() {
    return abort;
  }

  /** Images fetched by the plug-in and not yet released. */
  public int outstandingImages() {
    return outstandingImages.get();
  }

  AtomicInteger outstanding() {
    return outstandingImages;
  }

  public Object param(String name) {
    return params.get(name).value();
  }
}
