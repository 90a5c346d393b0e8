package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.PropertySet;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;
import org.styleatlas.ofx.stub.Libc;
import org.styleatlas.ofx.stub.StubEngine;

/** Frames go to the engine in the wire format and come back in the host's format. */
class RenderPixelsTest {
  static Stream<Arguments> formats() {
    List<Arguments> all = new ArrayList<>();
    for (Depth d : Depth.values()) {
      for (int comps : new int[] {4, 3}) {
        for (boolean negative : new boolean[] {false, true})
          all.add(Arguments.of(d, comps, negative));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} components={1} negativeRowBytes={2}")
  @MethodSource("formats")
  void stylizedFrameComesBackInTheHostFormat(Depth depth, int comps, boolean negative)
      throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      DoubleFunction<HostImage> frames = Fixture.clip(37, 23, depth, comps, negative);
      Effect instance = f.instance(frames);
      Session.Render r = f.session.render(instance, 3);
      assertEquals(Status.OK, r.status(), instance.messages().toString());
      HostImage src = frames.apply(3);
      Pixels.assertInverted(src, r.output());
      assertTopRowFirstOnTheWire(src, f.engine.lastInput());
      assertEquals(0, instance.outstandingImages(), "every fetched image is released");
      assertEquals("done 100%", instance.param("status"));
      assertEquals(Status.OK, f.session.destroyInstance(instance));
    }
  }

  private static void assertTopRowFirstOnTheWire(HostImage src, float[] wire) {
    int w = src.width();
    for (int row = 0; row < src.height(); row += src.height() - 1) {
      int y = src.y2 - 1 - row;
      for (int c = 0; c < 3; c++) assertEquals(src.get(src.x1, y, c), wire[row * w * 4 + c], 1e-6f);
      assertEquals(src.components == 4 ? src.get(src.x1, y, 3) : 1f, wire[row * w * 4 + 3], 1e-6f);
    }
  }

  @Test
  void boundsAwayFromTheOriginAreHonoured() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      DoubleFunction<HostImage> frames =
          t -> new HostImage(10, -5, 16, 9, Depth.FLOAT, 4, true).fillPattern((int) t);
      Effect instance = f.instance(frames);
      Session.Render r = f.session.render(instance, 0);
      assertEquals(Status.OK, r.status());
      Pixels.assertInverted(frames.apply(0), r.output());
      JsonNode image = f.engine.requests("render").get(0).path("image");
      assertEquals(16, image.path("width").asInt());
      assertEquals(9, image.path("height").asInt());
    }
  }

  @Test
  void requestCarriesEveryParamAtRenderTime() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      Effect instance = f.instance(Fixture.clip(8, 8, Depth.BYTE, 4, false));
      instance.params().get("strength").setKey(0, 0.0);
      instance.params().get("strength").setKey(10, 1.0);
      instance.params().get("iterations").set(999_999);
      instance.params().get("boxTopLeft").set(new double[] {0.9, -3});
      instance.params().get("boxBottomRight").set(new double[] {0.1, 0.5});
      assertEquals(Status.OK, f.session.render(instance, 5).status());
      JsonNode p = f.engine.requests("render").get(0).path("params");
      assertEquals(0.5, p.path("strength").asDouble(), 1e-9);
      assertEquals(100_000, p.path("iterations").asInt(), "clamped");
      double[] box = {0.1, 0.0, 0.9, 0.5};
      for (int i = 0; i < 4; i++)
        assertEquals(box[i], p.path("box").get(i).asDouble(), 1e-12, "clamped, ordered");
      assertEquals("standard", p.path("quality").asText());
      assertEquals(4, p.path("prefixes").asInt());
      assertEquals("composite", p.path("output").asText());
      assertEquals("alpha", p.path("matteSource").asText());
      for (String key :
          List.of(
              "prompt",
              "localPrompt",
              "styleImage",
              "seed",
              "lambdaGlobal",
              "lambdaLocal",
              "lambdaTemporal",
              "lambdaSparsity",
              "stylizeBackground",
              "wait",
              "maxWaitSeconds")) {
        assertTrue(p.has(key), key);
      }
      JsonNode req = f.engine.requests("render").get(0);
      assertEquals(5.0, req.path("time").asDouble());
      assertTrue(req.path("waitMs").asInt() <= 10_000);
      assertTrue(req.path("matte").isNull());
    }
  }

  @Test
  void generalContextSendsTheMatteClip() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      DoubleFunction<HostImage> frames = Fixture.clip(12, 10, Depth.SHORT, 4, false);
      Effect instance =
          f.instance(
              Session.GENERAL,
              frames,
              t -> new HostImage(0, 0, 12, 10, Depth.BYTE, 1, true).fillPattern(1));
      Session.Render r = f.session.render(instance, 0);
      assertEquals(Status.OK, r.status(), instance.messages().toString());
      JsonNode req = f.engine.requests("render").get(0);
      assertEquals("clip", req.path("params").path("matteSource").asText());
      assertTrue(req.path("matte").path("shm").asText().startsWith("/styleatlas-"));
      assertEquals(12L * 10 * 16 * 2, req.path("matte").path("offset").asLong());
      Pixels.assertInverted(frames.apply(0), r.output());
    }
  }

  @Test
  void originalOutputIsAnIdentityAndNeedsNoEngine() throws Exception {
    try (Fixture f = new Fixture(null)) {
      DoubleFunction<HostImage> frames = Fixture.clip(9, 7, Depth.BYTE, 3, true);
      Effect instance = f.instance(frames);
      instance.params().get("engineAddress").set("unix:" + f.dir.resolve("nobody.sock"));
      assertEquals(Status.REPLY_DEFAULT, f.session.isIdentity(instance, 0).status());
      instance.params().get("output").set(4);
      Session.Identity id = f.session.isIdentity(instance, 2);
      assertEquals(Status.OK, id.status());
      assertEquals(Session.SOURCE, id.clip());
      Session.Render r = f.session.render(instance, 2);
      assertEquals(Status.OK, r.status());
      Pixels.assertSame(frames.apply(2), r.output());
    }
  }

  @Test
  void clipPreferencesAndRegionOfDefinitionFollowTheSource() throws Exception {
    try (Fixture f = new Fixture(null)) {
      Effect instance = f.instance(Fixture.clip(20, 10, Depth.SHORT, 3, false));
      PropertySet prefs = f.session.clipPreferences(instance);
      assertEquals("OfxImageComponentRGB", prefs.string("OfxImageClipPropComponents_Output"));
      assertEquals("OfxBitDepthShort", prefs.string("OfxImageClipPropDepth_Output"));
      PropertySet rod = f.session.regionOfDefinition(instance, 0);
      assertEquals(20.0, rod.number("OfxImageEffectPropRegionOfDefinition", 2));
      assertEquals(10.0, rod.number("OfxImageEffectPropRegionOfDefinition", 3));
      assertEquals(Status.OK, f.session.purgeCaches(instance));
    }
  }

  @Test
  void remoteEngineOverTcpWithTokenAndInlinePixels() throws Exception {
    try (Fixture f = new Fixture(null);
        StubEngine tcp = StubEngine.tcp("s3cret", Behaviour.STYLIZE)) {
      DoubleFunction<HostImage> frames = Fixture.clip(11, 6, Depth.FLOAT, 4, true);
      Effect instance = f.instance(frames);
      instance.params().get("engineAddress").set(tcp.address());
      Libc.C.setenv("STYLEATLAS_ENGINE_TOKEN", "s3cret", 1);
      try {
        Session.Render r = f.session.render(instance, 1);
        assertEquals(Status.OK, r.status(), instance.messages().toString());
        Pixels.assertInverted(frames.apply(1), r.output());
        assertEquals("s3cret", tcp.requests("hello").get(0).path("token").asText());
        assertTrue(tcp.requests("render").get(0).path("image").path("inline").asBoolean());
        Libc.C.setenv("STYLEATLAS_ENGINE_TOKEN", "wrong", 1);
        assertEquals(Status.FAILED, f.session.render(instance, 1).status());
        assertTrue(
            instance.messages().get(0).text().contains("unauthorized"),
            instance.messages().toString());
      } finally {
        Libc.C.unsetenv("STYLEATLAS_ENGINE_TOKEN");
      }
    }
  }
}
