package org.styleatlas.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.studio.Studio;
import org.styleatlas.host.shm.LibC;

/**
 * Builds a {@link HostConfig} from layers, each overriding the one before: built-in defaults &lt; a
 * JSON config file (nested objects or dotted keys) &lt; environment variables ({@code STYLEATLAS_}
 * + the key in upper case with dots as underscores, e.g. {@code STYLEATLAS_TCP_ENABLED}) &lt;
 * system properties ({@code styleatlas.} + the key, e.g. {@code -Dstyleatlas.tcp.enabled=true}).
 */
public final class ConfigLoader {
  static final String ENV_PREFIX = "STYLEATLAS_";
  static final String PROP_PREFIX = "styleatlas.";

  /**
   * docs/PROTOCOL.md: the shim sets this when it starts the engine, and then polls that socket; it
   * overrides {@code bridge.socket} in the environment layer.
   */
  public static final String ENGINE_SOCKET_ENV = "STYLEATLAS_ENGINE_SOCKET";

  /** The environment variable / system property naming the config file. */
  public static final String CONFIG_FILE_KEY = "config";

  private final Map<String, String> env;
  private final Properties props;

  public ConfigLoader(Map<String, String> env, Properties props) {
    this.env = env;
    this.props = props;
  }

  /** From the process's environment and system properties. */
  public static ConfigLoader fromProcess() {
    return new ConfigLoader(System.getenv(), System.getProperties());
  }

  /**
   * @param configFile an explicit config file, or null for {@code STYLEATLAS_CONFIG} / {@code
   *     -Dstyleatlas.config}, else {@code $XDG_CONFIG_HOME/styleatlas/host.json} when it exists
   */
  public HostConfig load(Path configFile) {
    Map<String, String> v = defaults();
    Path file = configFile != null ? configFile : explicitFile();
    if (file != null) {
      readFile(file, v);
    }
    for (String key : v.keySet()) {
      String e = env.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_'));
      if (e != null) {
        v.put(key, e);
      }
    }
    String shimSocket = env.get(ENGINE_SOCKET_ENV);
    if (shimSocket != null && !shimSocket.isBlank()) {
      v.put("bridge.socket", shimSocket);
    }
    for (String key : v.keySet()) {
      String p = props.getProperty(PROP_PREFIX + key);
      if (p != null) {
        v.put(key, p);
      }
    }
    return build(new Values(v));
  }

  private Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    Path runtime = runtimeDir();
    d.put("runtime.dir", runtime.toString());
    d.put("bridge.socket", "");
    d.put("http.socket", "");
    d.put("tcp.enabled", "false");
    d.put("tcp.host", "127.0.0.1");
    d.put("tcp.bridgePort", "7461");
    d.put("tcp.httpPort", "7462");
    d.put("tcp.tokenFile", "");
    d.put("cache.dir", Studio.defaultCacheDir().toString());
    d.put("cache.maxBytes", Long.toString(Studio.DEFAULT_MAX_BYTES));
    d.put("state.dir", xdg("XDG_STATE_HOME", ".local/state").resolve("styleatlas").toString());
    d.put("http.maxBodyBytes", "65536");
    d.put("shutdown.waitSeconds", "30");
    d.put("tcp.maxConnections", "64");
    d.put("tcp.maxUnauthenticated", "16");
    d.put("tcp.authTimeoutSeconds", "10");
    d.put("http.idleTimeoutSeconds", "300");
    d.put("cluster.enabled", "false");
    d.put("cluster.name", "styleatlas");
    d.put("cluster.host", "127.0.0.1");
    d.put("cluster.port", "5701");
    d.put("cluster.members", "127.0.0.1");
    d.put("cluster.failureSeconds", "10");
    d.put("cluster.trainer", "true");
    d.put("cluster.artifacts", "shared");
    d.put("cluster.device", "auto");
    d.put("cluster.cpuGraceSeconds", "5");
    return d;
  }

  /** {@code $XDG_RUNTIME_DIR/styleatlas}, else {@code /tmp/styleatlas-$UID} (docs/PROTOCOL.md). */
  private Path runtimeDir() {
    String xdg = env.get("XDG_RUNTIME_DIR");
    return xdg != null && !xdg.isBlank()
        ? Path.of(xdg, "styleatlas")
        : Path.of("/tmp", "styleatlas-" + LibC.uid());
  }

  private Path xdg(String var, String fallbackUnderHome) {
    String v = env.get(var);
    return v != null && !v.isBlank()
        ? Path.of(v)
        : Path.of(System.getProperty("user.home"), fallbackUnderHome);
  }

  private Path explicitFile() {
    String p = props.getProperty(PROP_PREFIX + CONFIG_FILE_KEY, env.get(ENV_PREFIX + "CONFIG"));
    if (p != null && !p.isBlank()) {
      return Path.of(p);
    }
    Path dflt = xdg("XDG_CONFIG_HOME", ".config").resolve("styleatlas/host.json");
    return Files.isRegularFile(dflt) ? dflt : null;
  }

  private static void readFile(Path file, Map<String, String> into) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw InputException.of(file, "not a readable JSON config file: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw InputException.of(file, "the config must be a JSON object");
    }
    flatten("", root, file, into);
  }

  private static void flatten(String prefix, JsonNode node, Path file, Map<String, String> into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      if (e.getValue().isObject()) {
        flatten(key + ".", e.getValue(), file, into);
      } else if (!into.containsKey(key)) {
        throw InputException.of(
            file, "unknown config key '" + key + "'; known keys: " + into.keySet());
      } else if (e.getValue().isArray()) {
        java.util.List<String> items = new java.util.ArrayList<>();
        e.getValue().forEach(item -> items.add(item.asText()));
        into.put(key, String.join(",", items));
      } else {
        into.put(key, e.getValue().asText());
      }
    }
  }

  private static HostConfig build(Values v) {
    Path runtime = v.path("runtime.dir");
    Path bridge =
        v.get("bridge.socket").isEmpty() ? runtime.resolve("engine.sock") : v.path("bridge.socket");
    Path http =
        v.get("http.socket").isEmpty() ? bridge.resolveSibling("http.sock") : v.path("http.socket");
    Path token =
        v.get("tcp.tokenFile").isEmpty()
            ? bridge.resolveSibling("engine.token")
            : v.path("tcp.tokenFile");
    HostConfig.Tcp tcp =
        new HostConfig.Tcp(
            v.bool("tcp.enabled"),
            v.get("tcp.host"),
            v.integer("tcp.bridgePort", 0, 65535),
            v.integer("tcp.httpPort", 0, 65535),
            token);
    return new HostConfig(
        runtime,
        bridge,
        http,
        tcp,
        v.path("cache.dir"),
        v.longValue("cache.maxBytes", 1 << 20, Long.MAX_VALUE),
        v.path("state.dir"),
        v.integer("http.maxBodyBytes", 1024, 16 << 20),
        Duration.ofSeconds(v.integer("shutdown.waitSeconds", 0, 3600)),
        new HostConfig.Limits(
            v.integer("tcp.maxConnections", 1, 65_536),
            v.integer("tcp.maxUnauthenticated", 1, 65_536),
            Duration.ofSeconds(v.integer("tcp.authTimeoutSeconds", 1, 3600)),
            Duration.ofSeconds(v.integer("http.idleTimeoutSeconds", 1, 86_400))),
        new HostConfig.Cluster(
            v.bool("cluster.enabled"),
            v.nonEmpty("cluster.name"),
            v.nonEmpty("cluster.host"),
            v.integer("cluster.port", 0, 65535),
            v.list("cluster.members"),
            v.integer("cluster.failureSeconds", 2, 600),
            v.bool("cluster.trainer"),
            v.choice("cluster.artifacts", HostConfig.Artifacts.class),
            v.choice("cluster.device", HostConfig.Device.class),
            Duration.ofSeconds(v.integer("cluster.cpuGraceSeconds", 0, 3600))));
  }

  /** Typed access to the merged values; a bad value names its key. */
  private record Values(Map<String, String> map) {
    String get(String key) {
      return map.get(key).trim();
    }

    Path path(String key) {
      Path p = Path.of(get(key));
      if (!p.isAbsolute()) {
        throw new InputException(key + ": must be an absolute path, got '" + get(key) + "'");
      }
      return p;
    }

    String nonEmpty(String key) {
      if (get(key).isEmpty()) {
        throw new InputException(key + ": must not be empty");
      }
      return get(key);
    }

    /** A comma-separated list without empty items. */
    java.util.List<String> list(String key) {
      java.util.List<String> items =
          java.util.Arrays.stream(get(key).split(",")).map(String::trim).toList();
      if (items.stream().anyMatch(String::isEmpty)) {
        throw new InputException(
            key + ": must be a comma-separated list of host[:port], got '" + get(key) + "'");
      }
      return items;
    }

    /** One of {@code type}'s constants, written in lower case. */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
      for (E c : type.getEnumConstants()) {
        if (c.name().equalsIgnoreCase(get(key))) {
          return c;
        }
      }
      throw new InputException(
          key
              + ": must be one of "
              + java.util.Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .toList()
              + ", got '"
              + get(key)
              + "'");
    }

    boolean bool(String key) {
      return switch (get(key).toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes" -> true;
        case "false", "0", "no" -> false;
        default ->
            throw new InputException(key + ": must be true or false, got '" + get(key) + "'");
      };
    }

    int integer(String key, int min, int max) {
      return (int) longValue(key, min, max);
    }

    long longValue(String key, long min, long max) {
      try {
        long n = Long.parseLong(get(key));
        if (n < min || n > max) {
          throw new InputException(key + ": must lie in " + min + " … " + max + ", got " + n);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new InputException(key + ": must be an integer, got '" + get(key) + "'");
      }
    }
  }
}
