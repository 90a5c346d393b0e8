package org.styleatlas.engine.atlas.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.atlas.field.AtlasField;
import org.styleatlas.engine.atlas.field.NeuralField;
import org.styleatlas.engine.atlas.field.OutputActivation;
import org.styleatlas.engine.runtime.Scalars;

/**
 * A two-layer Neural Layered Atlas model: mappings M_f, M_b, opacity M_α and the atlas network(s).
 * As a Block it maps {@code xyt [N, 3]} to the reconstruction {@code rgb [N, 3]}; the typed methods
 * give every intermediate. Coordinates are normalised as in {@link FrameGeometry}.
 */
public final class LayeredAtlasModel extends AbstractBlock {
  private static final byte VERSION = 1;

  private final AtlasModelConfig config;
  private final NeuralField mappingForeground;
  private final NeuralField mappingBackground;
  private final NeuralField alpha;
  private final List<NeuralField> atlasNetworks = new ArrayList<>();
  private final AtlasField foregroundAtlas;
  private final AtlasField backgroundAtlas;

  /** (x, y, t) → the background's colour residual before scaling, or null. */
  private final NeuralField backgroundResidual;

  public LayeredAtlasModel(AtlasModelConfig config) {
    super(VERSION);
    this.config = config;
    mappingForeground =
        addChildBlock(
            "mappingForeground",
            new NeuralField(3, 2, config.mappingForeground(), OutputActivation.TANH));
    mappingBackground =
        addChildBlock(
            "mappingBackground",
            new NeuralField(3, 2, config.mappingBackground(), OutputActivation.TANH));
    alpha = addChildBlock("alpha", new NeuralField(3, 1, config.alpha(), OutputActivation.OPACITY));
    NeuralField fgNet = addChildBlock("atlasForeground", AtlasField.newNetwork(config.atlas()));
    atlasNetworks.add(fgNet);
    if (config.sharedAtlas()) {
      foregroundAtlas = new AtlasField(fgNet, config.atlas(), 0.5f, 0.5f);
      backgroundAtlas = new AtlasField(fgNet, config.atlas(), 0.5f, -0.5f);
    } else {
      NeuralField bgNet = addChildBlock("atlasBackground", AtlasField.newNetwork(config.atlas()));
      atlasNetworks.add(bgNet);
      foregroundAtlas = new AtlasField(fgNet, config.atlas(), 1f, 0f);
      backgroundAtlas = new AtlasField(bgNet, config.atlas(), 1f, 0f);
    }
    BackgroundResidualConfig r = config.backgroundResidual();
    backgroundResidual =
        r == null
            ? null
            : addChildBlock(
                "backgroundResidual", new NeuralField(3, 3, r.field(), OutputActivation.TANH));
  }

  /**
   * Builds and initialises a model on {@code manager}'s device (seeded by the engine's random
   * seed).
   */
  public static LayeredAtlasModel create(AtlasModelConfig config, NDManager manager) {
    LayeredAtlasModel model = new LayeredAtlasModel(config);
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    return model;
  }

  public AtlasModelConfig config() {
    return config;
  }

  /** M_f: {@code xyt [N, 3]} → {@code uv [N, 2]}. */
  public NDArray uvForeground(ParameterStore ps, NDArray xyt, boolean training) {
    return mappingForeground.apply(ps, xyt, training);
  }

  /** M_b: {@code xyt [N, 3]} → {@code uv [N, 2]}. */
  public NDArray uvBackground(ParameterStore ps, NDArray xyt, boolean training) {
    return mappingBackground.apply(ps, xyt, training);
  }

  /** M_α: {@code xyt [N, 3]} → {@code α [N, 1]}. */
  public NDArray alpha(ParameterStore ps, NDArray xyt, boolean training) {
    return alpha.apply(ps, xyt, training);
  }

  /**
   * The background's colour residual r: {@code xyt [N, 3]} → {@code [N, 3]} in (−scale, scale), or
   * null when the model has none ({@link BackgroundResidualConfig}).
   */
  public NDArray backgroundResidual(ParameterStore ps, NDArray xyt, boolean training) {
    if (backgroundResidual == null) {
      return null;
    }
    return Scalars.mul(
        backgroundResidual.apply(ps, xyt, training), config.backgroundResidual().scale());
  }

  /**
   * The background residual's network, trained in the main phase only (pre-training fits the
   * atlases alone), or empty.
   */
  public Optional<NeuralField> backgroundResidualField() {
    return Optional.ofNullable(backgroundResidual);
  }

  /** The foreground atlas view (shares weights with this model). */
  public AtlasField foregroundAtlas() {
    return foregroundAtlas;
  }

  /** The background atlas view (shares weights with this model). */
  public AtlasField backgroundAtlas() {
    return backgroundAtlas;
  }

  /**
   * Everything for a batch of points {@code xyt [N, 3]}; the reconstruction includes the background
   * residual when the model has one.
   */
  public LayeredOutput evaluate(ParameterStore ps, NDArray xyt, boolean training) {
    NDArray uvF = uvForeground(ps, xyt, training);
    NDArray uvB = uvBackground(ps, xyt, training);
    NDArray a = alpha(ps, xyt, training);
    NDArray rgbF = foregroundAtlas.apply(ps, uvF, training);
    NDArray rgbB = backgroundAtlas.apply(ps, uvB, training);
    NDArray r = backgroundResidual(ps, xyt, training);
    NDArray background = r == null ? rgbB : rgbB.add(r);
    return new LayeredOutput(
        uvF, uvB, a, rgbF, rgbB, LayeredOutput.composite(a, rgbF, background), r);
  }

  /** Every network: mappings, alpha, then the atlas network(s) (one when shared). */
  public List<NeuralField> fields() {
    List<NeuralField> all = new ArrayList<>(mappingFields());
    all.add(alpha);
    all.addAll(atlasNetworks);
    return all;
  }

  /** The two mapping networks (trained alone during mapping pre-training). */
  public List<NeuralField> mappingFields() {
    return List.of(mappingForeground, mappingBackground);
  }

  /** The opacity network M_α (pre-trained alone on the matte by the motion initialisation). */
  public NeuralField alphaField() {
    return alpha;
  }

  /** Writes all weights. */
  public void save(DataOutputStream out) throws IOException {
    saveParameters(out);
  }

  /** Reads weights written by {@link #save} for the same config. */
  public void load(NDManager manager, DataInputStream in) throws IOException {
    try {
      loadParameters(manager, in);
    } catch (MalformedModelException e) {
      throw new IOException("weights do not fit this model: " + e.getMessage(), e);
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(evaluate(ps, inputs.singletonOrThrow(), training).rgb());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape xyt = new Shape(1, 3);
    mappingForeground.initialize(manager, dataType, xyt);
    mappingBackground.initialize(manager, dataType, xyt);
    alpha.initialize(manager, dataType, xyt);
    for (NeuralField net : atlasNetworks) {
      net.initialize(manager, dataType, new Shape(1, 2));
    }
    if (backgroundResidual != null) {
      backgroundResidual.initialize(manager, dataType, xyt);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 3)};
  }
}
