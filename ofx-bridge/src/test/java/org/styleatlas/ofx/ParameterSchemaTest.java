package org.styleatlas.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.studio.params.EffectParam;
import org.styleatlas.engine.studio.params.EffectParam.Kind;
import org.styleatlas.host.bridge.WireParams;
import org.styleatlas.ofx.harness.Effect;
import org.styleatlas.ofx.harness.HostImage.Depth;
import org.styleatlas.ofx.harness.Param;
import org.styleatlas.ofx.harness.Session;
import org.styleatlas.ofx.harness.Status;
import org.styleatlas.ofx.stub.Behaviour;

/**
 * The C shim's own parameter table ({@code params.c}) against the one definition in the engine
 * ({@link EffectParam}), through the built plug-in: what it describes to a host, how it clamps what
 * a host hands it (hosts never clamp), and what it puts on the wire, which the host's {@link
 * WireParams} must read back.
 */
class ParameterSchemaTest {
  private static final double EPS = 1e-9;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.function.DoubleFunction<org.styleatlas.ofx.harness.HostImage>
      MATTE =
          t ->
              new org.styleatlas.ofx.harness.HostImage(0, 0, 8, 8, Depth.BYTE, 1, false)
                  .fillPattern((int) t);

  @Test
  void describedParamsMatchTheSchema() throws Exception {
    try (Fixture f = new Fixture(null)) {
      Effect filter = f.session.describeInContext(f.session.describe(), Session.FILTER);
      Set<String> described =
          filter.params().all().stream()
              .filter(p -> !Param.PAGE.equals(p.type()))
              .map(Param::name)
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(
          Arrays.stream(EffectParam.values())
              .map(EffectParam::ofxName)
              .collect(Collectors.toCollection(TreeSet::new)),
          described,
          "the same parameters");
      List<String> advanced =
          filter.params().get("pageAdvanced").props().strings("OfxParamPropPageChild");
      for (EffectParam e : EffectParam.values()) {
        Param p = filter.params().get(e.ofxName());
        String what = e + " (" + e.ofxName() + ")";
        assertEquals(e.kind().ofx(), p.type(), what + ": type");
        assertEquals(
            e.animates() ? 1 : 0, p.props().integer("OfxParamPropAnimates"), what + ": animates");
        assertEquals(e.advanced(), advanced.contains(e.ofxName()), what + ": on the Advanced page");
        switch (e.kind()) {
          case DOUBLE, DOUBLE_2D -> {
            int dims = e.kind() == Kind.DOUBLE_2D ? 2 : 1;
            for (int i = 0; i < dims; i++) {
              assertEquals(
                  e.defaultValue(),
                  p.props().number("OfxParamPropDefault", i),
                  EPS,
                  what + ": default");
              assertEquals(e.min(), p.props().number("OfxParamPropMin", i), EPS, what + ": min");
              assertEquals(e.max(), p.props().number("OfxParamPropMax", i), EPS, what + ": max");
            }
          }
          case INTEGER -> {
            assertEquals(
                (int) e.defaultValue(),
                p.props().integer("OfxParamPropDefault"),
                what + ": default");
            assertEquals((int) e.min(), p.props().integer("OfxParamPropMin"), what + ": min");
            assertEquals((int) e.max(), p.props().integer("OfxParamPropMax"), what + ": max");
          }
          case CHOICE -> {
            assertEquals(
                e.labels(), p.props().strings("OfxParamPropChoiceOption"), what + ": options");
            assertEquals(
                (int) e.defaultValue(),
                p.props().integer("OfxParamPropDefault"),
                what + ": default");
          }
          case BOOLEAN ->
              assertEquals((int) e.defaultValue(), p.props().integer("OfxParamPropDefault"), what);
          case STRING ->
              assertTrue(p.props().has("OfxParamPropStringMode"), what + ": string mode");
        }
      }
    }
  }

  @Test
  void theWireCarriesTheSchemasKeysWithItsDefaultsAndWireParamsReadsThem() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      Effect instance = f.instance(Fixture.clip(8, 8, Depth.BYTE, 4, false));
      assertEquals(Status.OK, f.session.render(instance, 0).status());
      JsonNode params = f.engine.requests("render").get(0).path("params");
      Set<String> keys = new TreeSet<>();
      params.fieldNames().forEachRemaining(keys::add);
      assertEquals(
          Arrays.stream(EffectParam.values())
              .flatMap(e -> e.wireKey().stream())
              .collect(Collectors.toCollection(TreeSet::new)),
          keys,
          "the request's params keys");
      for (EffectParam e : EffectParam.values()) {
        if (e.wireKey().isEmpty() || e.kind() == Kind.DOUBLE_2D) {
          continue;
        }
        JsonNode v = params.path(e.wireKey().get());
        String what = e + " on the wire";
        switch (e.kind()) {
          case CHOICE -> assertEquals(e.defaultWireValue(), v.asText(), what);
          case BOOLEAN -> assertEquals(e.defaultValue() != 0, v.asBoolean(), what);
          case STRING -> assertEquals("", v.asText(), what);
          default -> assertEquals(e.defaultValue(), v.asDouble(), EPS, what);
        }
      }
      double[] corners = {
        EffectParam.BOX_TOP_LEFT.defaultValue(),
        EffectParam.BOX_TOP_LEFT.defaultValue(),
        EffectParam.BOX_BOTTOM_RIGHT.defaultValue(),
        EffectParam.BOX_BOTTOM_RIGHT.defaultValue()
      };
      for (int i = 0; i < 4; i++) {
        assertEquals(corners[i], params.path("box").path(i).asDouble(), EPS, "box[" + i + "]");
      }
      WireParams read = JSON.treeToValue(params, WireParams.class).validated();
      assertEquals(
          read.style(),
          new WireParams(
                  null, null, null, null, null, null, null, null, null, null, null, null, null,
                  null, null, null, null, null, null, null, null)
              .style(),
          "absent keys take the same defaults as the plug-in's");
    }
  }

  @Test
  void matteClipChosenWithoutAMatteClipFailsWithAMessage() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      Effect filter = f.instance(Fixture.clip(8, 8, Depth.BYTE, 4, false));
      filter.params().get("matteSource").set(0);
      assertEquals(Status.FAILED, f.session.render(filter, 0).status());
      assertTrue(
          filter.messages().toString().contains("choose Source alpha or Box"),
          filter.messages().toString());
    }
  }

  @Test
  void theShimClampsEveryNumberToTheSchemasRange() throws Exception {
    try (Fixture f = new Fixture(Behaviour.STYLIZE)) {
      // General context: the lowest Matte source is the Matte clip, which Filter has not
      Effect high = f.instance(Session.GENERAL, Fixture.clip(8, 8, Depth.BYTE, 4, false), MATTE);
      Effect low = f.instance(Session.GENERAL, Fixture.clip(8, 8, Depth.BYTE, 4, false), MATTE);
      for (EffectParam e : EffectParam.values()) {
        switch (e.kind()) {
          case DOUBLE -> {
            high.params().get(e.ofxName()).set(e.max() + 1e6);
            low.params().get(e.ofxName()).set(e.min() - 1e6);
          }
          case INTEGER, CHOICE, BOOLEAN -> {
            high.params().get(e.ofxName()).set((int) Math.min(Integer.MAX_VALUE, e.max() + 1000));
            low.params().get(e.ofxName()).set((int) e.min() - 1000);
          }
          default -> {}
        }
      }
      // the last Output, Original, passes the source through without asking the engine: checked
      // below
      high.params().get(EffectParam.OUTPUT.ofxName()).set((int) EffectParam.OUTPUT.max() - 1);
      assertEquals(Status.OK, f.session.render(high, 0).status(), high.messages().toString());
      assertEquals(Status.OK, f.session.render(low, 1).status(), low.messages().toString());
      List<JsonNode> sent = f.engine.requests("render");
      Map<Boolean, JsonNode> byEnd =
          Map.of(true, sent.get(0).path("params"), false, sent.get(1).path("params"));
      for (EffectParam e : EffectParam.values()) {
        if (e.wireKey().isEmpty() || e.kind() == Kind.STRING || e.kind() == Kind.DOUBLE_2D) {
          continue;
        }
        for (boolean top : List.of(true, false)) {
          JsonNode v = byEnd.get(top).path(e.wireKey().get());
          String what = e + " clamped to its " + (top ? "max" : "min");
          switch (e.kind()) {
            case CHOICE ->
                assertEquals(
                    e.wireValues()
                        .get(top ? e.wireValues().size() - (e == EffectParam.OUTPUT ? 2 : 1) : 0),
                    v.asText(),
                    what);
            case BOOLEAN -> assertEquals(top, v.asBoolean(), what);
            default -> assertEquals(top ? e.max() : e.min(), v.asDouble(), EPS, what);
          }
        }
      }
      Effect original = f.instance(Fixture.clip(8, 8, Depth.BYTE, 4, false));
      original
          .params()
          .get(EffectParam.OUTPUT.ofxName())
          .set((int) EffectParam.OUTPUT.max() + 1000);
      assertEquals(
          Status.OK, f.session.render(original, 2).status(), original.messages().toString());
      assertEquals(
          2,
          f.engine.requests("render").size(),
          "an Output beyond the last is Original: no engine request");
      JSON.treeToValue(byEnd.get(true), WireParams.class)
          .validated(); // the clamped values are valid on the host
      JSON.treeToValue(byEnd.get(false), WireParams.class).validated();
    }
  }
}
