package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.Param;
import org.styleatlas.ofx.harness.Session;

/** Identity, load/unload, describe and describeInContext, as a host sees them. */
class DescribeTest {
  /**
   * The parameter names: the engine's one definition (ParameterSchemaTest checks each in detail).
   */
  private static final Set<String> PARAMS =
      java.util.Arrays.stream(org.styleatlas.engine.studio.params.EffectParam.values())
          .map(org.styleatlas.engine.studio.params.EffectParam::ofxName)
          .collect(Collectors.toSet());

  @Test
  void bundleLayoutAndIdentity() throws Exception {
    try (Fixture f = new Fixture(null)) {
      assertTrue(Files.isRegularFile(Fixture.bundle().resolve("Contents/Info.plist")));
      assertTrue(Files.isDirectory(Fixture.bundle().resolve("Contents/Resources")));
      assertEquals(1, f.session.plugin().count());
      assertEquals("OfxImageEffectPluginAPI", f.session.plugin().api());
      assertEquals(1, f.session.plugin().apiVersion());
      assertEquals("org.styleatlas.TextStylize", f.session.plugin().id());
      assertEquals(0, f.session.plugin().versionMajor());
      assertEquals(1, f.session.plugin().versionMinor());
    }
  }

  @Test
  void loadIsIdempotentAndUnloadThenLoadWorks() throws Exception {
    try (Fixture f = new Fixture(null)) {
      for (int i = 0; i < 5; i++) assertEquals(0, f.session.load());
      assertEquals(0, f.session.unload());
      assertEquals(0, f.session.unload());
      assertEquals(0, f.session.load());
      assertNotNull(f.session.describe().props().string("OfxPropLabel"));
    }
  }

  @Test
  void describeDeclaresContextsDepthsComponentsAndTemporalAccess() throws Exception {
    try (Fixture f = new Fixture(null)) {
      Effect d = f.session.describe();
      assertEquals(
          List.of(Session.FILTER, Session.GENERAL),
          d.props().strings("OfxImageEffectPropSupportedContexts"));
      assertEquals(
          List.of("OfxBitDepthByte", "OfxBitDepthShort", "OfxBitDepthFloat"),
          d.props().strings("OfxImageEffectPropSupportedPixelDepths"));
      assertEquals(1, d.props().integer("OfxImageEffectPropTemporalClipAccess"));
      assertEquals(
          "OfxImageEffectRenderFullySafe",
          d.props().string("OfxImageEffectPluginRenderThreadSafety"));
    }
  }

  @Test
  void filterContextHasSourceAndOutputAndEveryParamWithAHint() throws Exception {
    try (Fixture f = new Fixture(null)) {
      Effect ctx = f.session.describeInContext(f.session.describe(), Session.FILTER);
      assertEquals(Set.of(Session.SOURCE, Session.OUTPUT), ctx.clips().keySet());
      assertEquals(
          List.of("OfxImageComponentRGBA", "OfxImageComponentRGB"),
          ctx.clip(Session.SOURCE).props().strings("OfxImageEffectPropSupportedComponents"));
      Set<String> names =
          ctx.params().all().stream()
              .filter(p -> !Param.PAGE.equals(p.type()))
              .map(Param::name)
              .collect(Collectors.toSet());
      assertEquals(PARAMS, names);
      for (Param p : ctx.params().all()) {
        if (!Param.PAGE.equals(p.type()))
          assertFalse(p.props().string("OfxParamPropHint").isBlank(), p.name());
      }
      assertEquals(1, ctx.params().get("strength").props().integer("OfxParamPropAnimates"));
      assertEquals(
          List.of("Composite", "Foreground layer", "Matte", "Full reconstruction", "Original"),
          ctx.params().get("output").props().strings("OfxParamPropChoiceOption"));
      assertEquals(
          List.of("0", "4", "8"),
          ctx.params().get("prefixes").props().strings("OfxParamPropChoiceOption"));
      assertEquals(
          "OfxParamStringIsLabel",
          ctx.params().get("status").props().string("OfxParamPropStringMode"));
      assertEquals("local", ctx.params().get("engineAddress").value());
      assertEquals(1, (Integer) ctx.params().get("matteSource").value(), "Source alpha in Filter");
      List<String> advanced =
          ctx.params().get("pageAdvanced").props().strings("OfxParamPropPageChild");
      assertTrue(
          advanced.containsAll(List.of("lambdaGlobal", "stylizeBackground", "engineAddress")));
    }
  }

  @Test
  void generalContextAddsAnOptionalMaskMatteClip() throws Exception {
    try (Fixture f = new Fixture(null)) {
      Effect ctx = f.session.describeInContext(f.session.describe(), Session.GENERAL);
      assertEquals(Set.of(Session.SOURCE, Session.MATTE, Session.OUTPUT), ctx.clips().keySet());
      assertEquals(1, ctx.clip(Session.MATTE).props().integer("OfxImageClipPropOptional"));
      assertEquals(1, ctx.clip(Session.MATTE).props().integer("OfxImageClipPropIsMask"));
      assertEquals(0, (Integer) ctx.params().get("matteSource").value(), "Matte clip in General");
      assertNull(
          ctx.clip(Session.SOURCE).props().integer("OfxImageClipPropOptional") == 1
              ? "optional"
              : null);
    }
  }
}
