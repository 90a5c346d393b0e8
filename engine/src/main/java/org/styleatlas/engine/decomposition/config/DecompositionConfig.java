package org.styleatlas.engine.decomposition.config;

import org.styleatlas.engine.InputException;
import org.styleatlas.engine.atlas.encoding.EncodingConfig;
import org.styleatlas.engine.atlas.field.FieldConfig;
import org.styleatlas.engine.atlas.field.MlpConfig;
import org.styleatlas.engine.atlas.model.AtlasModelConfig;
import org.styleatlas.engine.atlas.model.BackgroundResidualConfig;
import org.styleatlas.engine.decomposition.loss.LossConfig;
import org.styleatlas.engine.flow.FlowConfig;

/**
 * Everything a decomposition depends on besides the clip. Presets are {@link #fast()} (the default)
 * and {@link #faithful()}; variations are small {@code withX} overrides.
 *
 * @param mode the preset family, for reports
 * @param model the networks
 * @param losses weights and schedules of the loss terms
 * @param optimizer Adam settings
 * @param schedule iterations, batch, seed, checkpoints
 * @param flow optical-flow settings
 * @param atlasResolution pixels of the discretised atlas across the full uv range [−1, 1]
 * @param init how the mappings and α start (pre-training targets)
 * @param device where to train (not part of the result's identity)
 * @param sampling how the main phase draws its pixels
 * @param opacity what renders as the object's opacity where a matte was given
 */
public record DecompositionConfig(
    Mode mode,
    AtlasModelConfig model,
    LossConfig losses,
    OptimizerConfig optimizer,
    DecompositionSchedule schedule,
    FlowConfig flow,
    int atlasResolution,
    Initialisation init,
    DeviceChoice device,
    PixelSampling sampling,
    OpacitySource opacity) {

  /**
   * On a GPU each step draws this many times the schedule's pixels: a CPU step's cost grows with
   * the batch, a GPU's hardly does at these sizes, so the GPU sees more of the clip per step for
   * the same number of steps.
   */
  public static final int GPU_BATCH_FACTOR = 8;

  public DecompositionConfig {
    if (mode == null
        || model == null
        || losses == null
        || optimizer == null
        || schedule == null
        || flow == null
        || init == null
        || device == null
        || sampling == null
        || opacity == null) {
      throw new IllegalArgumentException("decomposition config is missing a section");
    }
    if (atlasResolution < 16 || atlasResolution > 8192) {
      throw new IllegalArgumentException(
          "atlas resolution must be in [16, 8192], got " + atlasResolution);
    }
  }

  /** The preset of {@code mode}. */
  public static DecompositionConfig of(Mode mode) {
    return mode == Mode.FAST ? fast() : faithful();
  }

  /**
   * The preset named {@code name} ("fast" or "faithful"); an unknown name is an {@link
   * InputException}.
   */
  public static DecompositionConfig of(String name) {
    return of(Mode.parse(name));
  }

  /**
   * NLA as published: PE atlas 8×256 (10 frequencies, one shared network), PE alpha 8×256 (5),
   * plain mappings 6×256 and 4×256, Adam 1e-4, 10k pixels per step, 100 pre-training steps, 400k
   * iterations.
   */
  public static DecompositionConfig faithful() {
    AtlasModelConfig model =
        new AtlasModelConfig(
            new FieldConfig(new EncodingConfig.None(), new MlpConfig(6, 256)),
            new FieldConfig(new EncodingConfig.None(), new MlpConfig(4, 256)),
            new FieldConfig(new EncodingConfig.Positional(5), new MlpConfig(8, 256)),
            new FieldConfig(new EncodingConfig.Positional(10), new MlpConfig(8, 256)),
            true);
    return new DecompositionConfig(
        Mode.FAITHFUL,
        model,
        LossConfig.nla(),
        OptimizerConfig.nla(),
        new DecompositionSchedule(400_000, 100, 10_000, 1L, 500),
        FlowConfig.defaults(),
        1000,
        Initialisation.IDENTITY,
        DeviceChoice.AUTO,
        PixelSampling.uniform(),
        OpacitySource.LEARNED);
  }

  /**
   * Hash grids for the atlases (Hashing-NVD's setting: 16×2, 2^15 rows, base 16, growth 1.25, one
   * network per layer) feeding 2×64 MLPs; smooth mappings as plain 4×64 MLPs (as in NLA, narrower);
   * α with a positional encoding one-to-one on [−1, 1] (NLA's 5 octaves and one below, so the first
   * and last frame differ) and a 3×64 MLP; half of each batch drawn by the current error (issue
   * #17); a colour residual of the background over (x, y, t) trained on its own, for what no atlas
   * can hold (lever {@code background}, {@link BackgroundResidualConfig}: the atlases are those of
   * the model without it). Tables at lr 1e-2, MLPs at 5e-3, with Instant-NGP's Adam (β2 0.99, ε
   * 1e-15), both rates decaying to 0.03× over the run; 2048 pixels per step; NLA's loss weights
   * with global rigidity for the first 300 main-phase steps and alpha bootstrapping for the first
   * 1000 (NLA: 5000 and 10k of 400k steps; a budgeted run here takes a few thousand, and global
   * rigidity's extra point sets cost a third of the mapping work). Each of these was measured on
   * DAVIS blackswan in 300 CPU-s (docs/BENCHMARKS.md). 3-D hash grids for the mappings and α were
   * tried first and cost ~5× more per step on this CPU (8 corners × many small ops) for no visible
   * gain.
   */
  public static DecompositionConfig fast() {
    AtlasModelConfig model =
        new AtlasModelConfig(
            new FieldConfig(new EncodingConfig.None(), new MlpConfig(4, 64)),
            new FieldConfig(new EncodingConfig.None(), new MlpConfig(4, 64)),
            new FieldConfig(EncodingConfig.Positional.injective(5), new MlpConfig(3, 64)),
            new FieldConfig(EncodingConfig.HashGrid.hashingNvd(), new MlpConfig(2, 64)),
            false,
            BackgroundResidualConfig.standard());
    return new DecompositionConfig(
        Mode.FAST,
        model,
        LossConfig.nla().withSchedules(300, 1000),
        new OptimizerConfig(5e-3, 1e-2, 0.9, 0.99, 1e-15, 0.03),
        new DecompositionSchedule(6000, 100, 2048, 1L, 250),
        FlowConfig.defaults(),
        1000,
        Initialisation.MOTION,
        DeviceChoice.AUTO,
        PixelSampling.errorWeighted(),
        OpacitySource.LEARNED);
  }

  public DecompositionConfig withSchedule(DecompositionSchedule s) {
    return new DecompositionConfig(
        mode, model, losses, optimizer, s, flow, atlasResolution, init, device, sampling, opacity);
  }

  public DecompositionConfig withIterations(int n) {
    return withSchedule(schedule.withIterations(n));
  }

  public DecompositionConfig withModel(AtlasModelConfig m) {
    return new DecompositionConfig(
        mode,
        m,
        losses,
        optimizer,
        schedule,
        flow,
        atlasResolution,
        init,
        device,
        sampling,
        opacity);
  }

  public DecompositionConfig withLosses(LossConfig l) {
    return new DecompositionConfig(
        mode,
        model,
        l,
        optimizer,
        schedule,
        flow,
        atlasResolution,
        init,
        device,
        sampling,
        opacity);
  }

  public DecompositionConfig withOptimizer(OptimizerConfig o) {
    return new DecompositionConfig(
        mode, model, losses, o, schedule, flow, atlasResolution, init, device, sampling, opacity);
  }

  public DecompositionConfig withInit(Initialisation i) {
    return new DecompositionConfig(
        mode,
        model,
        losses,
        optimizer,
        schedule,
        flow,
        atlasResolution,
        i,
        device,
        sampling,
        opacity);
  }

  public DecompositionConfig withDevice(DeviceChoice d) {
    return new DecompositionConfig(
        mode,
        model,
        losses,
        optimizer,
        schedule,
        flow,
        atlasResolution,
        init,
        d,
        sampling,
        opacity);
  }

  public DecompositionConfig withAtlasResolution(int r) {
    return new DecompositionConfig(
        mode, model, losses, optimizer, schedule, flow, r, init, device, sampling, opacity);
  }

  public DecompositionConfig withSampling(PixelSampling p) {
    return new DecompositionConfig(
        mode, model, losses, optimizer, schedule, flow, atlasResolution, init, device, p, opacity);
  }

  public DecompositionConfig withOpacity(OpacitySource o) {
    return new DecompositionConfig(
        mode, model, losses, optimizer, schedule, flow, atlasResolution, init, device, sampling, o);
  }

  /**
   * This config as trained on {@code device}: on a GPU the batch is {@link #GPU_BATCH_FACTOR} times
   * the schedule's (and the fingerprint, hence the cache key, says so); on the CPU it is this
   * config.
   */
  public DecompositionConfig forDevice(ai.djl.Device device) {
    if (!device.isGpu()) {
      return this;
    }
    DecompositionSchedule s = schedule;
    return withSchedule(
        new DecompositionSchedule(
            s.iterations(),
            s.pretrainIterations(),
            s.batchPixels() * GPU_BATCH_FACTOR,
            s.seed(),
            s.checkpointEvery()));
  }

  /**
   * What the trained result depends on (everything but the device and checkpoint period), for cache
   * keys.
   */
  public String fingerprint() {
    DecompositionSchedule s = schedule;
    return "decomposition-v1|"
        + mode
        + "|"
        + model
        + "|"
        + losses
        + "|"
        + optimizer
        + "|"
        + s.iterations()
        + "|"
        + s.pretrainIterations()
        + "|"
        + s.batchPixels()
        + "|"
        + s.seed()
        + "|"
        + flow
        + "|"
        + atlasResolution
        + "|"
        + init
        + (sampling.byError() ? "|" + sampling : "")
        + (opacity == OpacitySource.MATTE ? "|opacity=matte" : "");
  }
}
