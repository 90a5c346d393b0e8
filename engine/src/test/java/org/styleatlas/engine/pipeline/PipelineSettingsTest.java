package org.styleatlas.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.clipmodel.KnownClipModel;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;

class PipelineSettingsTest {

  @Test
  void defaultsThenEnvironmentThenSystemProperties() {
    PipelineSettings d = PipelineSettings.from(new Properties(), Map.of());
    assertEquals(KnownClipModel.DEFAULT_NAME, d.clipModel());
    assertEquals(DecompositionConfig.fast().fingerprint(), d.decomposition().fingerprint());
    assertEquals(PipelineSettings.DEFAULT_LONG_EDGE, d.longEdge());
    assertEquals(PipelineSettings.DEFAULT_MAP_CACHE_MB << 20, d.mapCacheBytes());

    Properties p = new Properties();
    p.setProperty("styleatlas.pipeline.clipModel", "/models/clip.pt");
    p.setProperty("styleatlas.pipeline.decomposeIterations", "40");
    PipelineSettings s =
        PipelineSettings.from(
            p,
            Map.of(
                "STYLEATLAS_PIPELINE_CLIP_MODEL",
                "ViT-L-14",
                "STYLEATLAS_PIPELINE_DECOMPOSE_BATCH",
                "512",
                "STYLEATLAS_PIPELINE_MAP_CACHE_MB",
                "8",
                "STYLEATLAS_PIPELINE_LONG_EDGE",
                "0"));
    assertEquals("/models/clip.pt", s.clipModel(), "a property beats the environment");
    assertEquals(40, s.decomposition().schedule().iterations());
    assertEquals(512, s.decomposition().schedule().batchPixels());
    assertEquals(0, s.longEdge());
  }

  @Test
  void badValuesNameTheSetting() {
    Properties p = new Properties();
    p.setProperty("styleatlas.pipeline.longEdge", "big");
    InputException e = assertThrows(InputException.class, () -> PipelineSettings.from(p, Map.of()));
    assertTrue(e.getMessage().contains("longEdge"), e.getMessage());
    p.setProperty("styleatlas.pipeline.longEdge", "0");
    p.setProperty("styleatlas.pipeline.decomposeBatch", "8");
    assertThrows(InputException.class, () -> PipelineSettings.from(p, Map.of()));
  }
}
