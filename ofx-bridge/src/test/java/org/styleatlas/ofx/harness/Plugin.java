package org.styleatlas.ofx.harness;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A loaded OFX binary's first plug-in: its identity and its main entry point. */
public final class Plugin {
  public static final String BINARY = "Contents/Linux-x86-64/StyleAtlas.ofx";
  private static final Map<Path, Plugin> LOADED = new ConcurrentHashMap<>();

  private final NativeLibrary library;
  private final String api;
  private final int apiVersion;
  private final String id;
  private final int versionMajor;
  private final int versionMinor;
  private final Function mainEntry;

  private Plugin(Path binary) {
    library = NativeLibrary.getInstance(binary.toString());
    Pointer p = library.getFunction("OfxGetPlugin").invokePointer(new Object[] {0});
    if (p == null) throw new IllegalStateException("OfxGetPlugin(0) returned NULL in " + binary);
    int ptr = Native.POINTER_SIZE;
    api = p.getPointer(0).getString(0);
    apiVersion = p.getInt(ptr);
    id = p.getPointer(2L * ptr).getString(0);
    versionMajor = p.getInt(3L * ptr);
    versionMinor = p.getInt(3L * ptr + 4);
    Function setHost = Function.getFunction(p.getPointer(4L * ptr));
    mainEntry = Function.getFunction(p.getPointer(5L * ptr));
    setHost.invokeVoid(new Object[] {Host.current().struct()});
  }

  /** Loads a bundle's binary once per JVM (the library and its functions stay referenced). */
  public static Plugin load(Path bundle) {
    return LOADED.computeIfAbsent(bundle.resolve(BINARY).toAbsolutePath(), Plugin::new);
  }

  public int count() {
    return library.getFunction("OfxGetNumberOfPlugins").invokeInt(new Object[0]);
  }

  public String api() {
    return api;
  }

  public int apiVersion() {
    return apiVersion;
  }

  public String id() {
    return id;
  }

  public int versionMajor() {
    return versionMajor;
  }

  public int versionMinor() {
    return versionMinor;
  }

  public int action(String action, Pointer handle, PropertySet in, PropertySet out) {
    return mainEntry.invokeInt(
        new Object[] {
          action, handle, in == null ? null : in.handle(), out == null ? null : out.handle()
        });
  }
}
