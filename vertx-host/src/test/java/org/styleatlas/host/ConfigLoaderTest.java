package org.styleatlas.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.styleatlas.engine.InputException;

/** Layers: defaults < config file < environment < system properties; bad values name their key. */
class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void laterLayersWin() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("host.json"),
            "{\"tcp\":{\"enabled\":true,\"bridgePort\":1000,\"httpPort\":1001},\"cache.maxBytes\":2000000,"
                + "\"runtime\":{\"dir\":\""
                + dir.resolve("run")
                + "\"}}");
    Properties props = new Properties();
    props.setProperty("styleatlas.tcp.httpPort", "3001");
    HostConfig c =
        new ConfigLoader(
                Map.of("STYLEATLAS_TCP_BRIDGEPORT", "2000", "STYLEATLAS_TCP_HTTPPORT", "2001"),
                props)
            .load(file);
    assertTrue(c.tcp().enabled(), "file over defaults");
    assertEquals(2_000_000, c.cacheMaxBytes());
    assertEquals(2000, c.tcp().bridgePort(), "environment over file");
    assertEquals(3001, c.tcp().httpPort(), "system property over environment");
    assertEquals("127.0.0.1", c.tcp().host(), "loopback by default");
    assertEquals(dir.resolve("run/engine.sock"), c.bridgeSocket());
    assertEquals(
        dir.resolve("run/engine.token"), c.tcp().tokenFile(), "docs/PROTOCOL.md token location");
  }

  @Test
  void defaultsAreLockedDownAndTheShimsSocketIsHonoured() {
    HostConfig c =
        new ConfigLoader(
                Map.of(
                    "XDG_RUNTIME_DIR",
                    dir.toString(),
                    ConfigLoader.ENGINE_SOCKET_ENV,
                    dir.resolve("shim/e.sock").toString()),
                new Properties())
            .load(null);
    assertFalse(c.tcp().enabled());
    assertEquals(dir.resolve("shim/e.sock"), c.bridgeSocket());
    assertEquals(dir.resolve("shim/e.sock.lock"), c.lockFile());
    assertEquals(dir.resolve("shim/http.sock"), c.httpSocket());
  }

  @Test
  void badValuesNameTheirKey() throws Exception {
    Properties props = new Properties();
    props.setProperty("styleatlas.tcp.bridgePort", "70000");
    InputException e =
        assertThrows(InputException.class, () -> new ConfigLoader(Map.of(), props).load(null));
    assertTrue(e.getMessage().startsWith("tcp.bridgePort:"), e.getMessage());
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"tcp\":{\"enable\":true}}");
    e =
        assertThrows(
            InputException.class, () -> new ConfigLoader(Map.of(), new Properties()).load(file));
    assertTrue(e.getMessage().contains("unknown config key 'tcp.enable'"), e.getMessage());
  }

  @Test
  void theClusterIsOffAndLoopbackByDefaultAndTakesAMemberArray() throws Exception {
    HostConfig.Cluster dflt =
        new ConfigLoader(Map.of("XDG_RUNTIME_DIR", dir.toString()), new Properties())
            .load(null)
            .cluster();
    assertFalse(dflt.enabled());
    assertEquals("127.0.0.1", dflt.host(), "loopback unless configured");
    assertEquals(java.util.List.of("127.0.0.1"), dflt.members());
    assertTrue(dflt.trainer());
    assertEquals(HostConfig.Artifacts.SHARED, dflt.artifacts(), "one shared cache folder");
    assertEquals(HostConfig.Device.AUTO, dflt.device());
    assertEquals(java.time.Duration.ofSeconds(5), dflt.cpuGrace());
    Path file =
        Files.writeString(
            dir.resolve("farm.json"),
            "{\"cluster\":{\"name\":\"studio\",\"host\":\"10.0.0.5\",\"port\":5801,"
                + "\"members\":[\"10.0.0.5:5801\",\"10.0.0.6:5801\"],\"trainer\":false,"
                + "\"artifacts\":\"fetch\",\"device\":\"gpu\",\"cpuGraceSeconds\":2}}");
    HostConfig c =
        new ConfigLoader(Map.of("XDG_RUNTIME_DIR", dir.toString()), new Properties()).load(file);
    assertFalse(c.cluster().enabled(), "on only with cluster.enabled or serve --cluster");
    HostConfig.Cluster on = c.withClusterOn().cluster();
    assertTrue(on.enabled());
    assertEquals("studio", on.name());
    assertEquals(java.util.List.of("10.0.0.5:5801", "10.0.0.6:5801"), on.members());
    assertEquals(5801, on.port());
    assertFalse(on.trainer());
    assertEquals(HostConfig.Artifacts.FETCH, on.artifacts());
    assertEquals(HostConfig.Device.GPU, on.device());
    assertEquals(java.time.Duration.ofSeconds(2), on.cpuGrace());
    Properties badMode = new Properties();
    badMode.setProperty("styleatlas.cluster.artifacts", "nfs");
    InputException m =
        assertThrows(
            InputException.class,
            () -> new ConfigLoader(Map.of("XDG_RUNTIME_DIR", dir.toString()), badMode).load(null));
    assertEquals("cluster.artifacts: must be one of [shared, fetch], got 'nfs'", m.getMessage());
    Properties bad = new Properties();
    bad.setProperty("styleatlas.cluster.members", "10.0.0.5,,10.0.0.6");
    InputException e =
        assertThrows(
            InputException.class,
            () -> new ConfigLoader(Map.of("XDG_RUNTIME_DIR", dir.toString()), bad).load(null));
    assertTrue(e.getMessage().startsWith("cluster.members:"), e.getMessage());
  }
}
