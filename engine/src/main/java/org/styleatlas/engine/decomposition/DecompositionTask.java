package org.styleatlas.engine.decomposition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.styleatlas.engine.atlas.field.NeuralField;
import org.styleatlas.engine.atlas.model.BackgroundResidualConfig;
import org.styleatlas.engine.atlas.model.LayeredAtlasModel;
import org.styleatlas.engine.atlas.model.LayeredOutput;
import org.styleatlas.engine.decomposition.config.DecompositionConfig;
import org.styleatlas.engine.decomposition.config.OpacitySource;
import org.styleatlas.engine.decomposition.loss.DecompositionLoss;
import org.styleatlas.engine.decomposition.loss.LossInputs;
import org.styleatlas.engine.decomposition.train.StepLoss;
import org.styleatlas.engine.optim.ParameterGroup;

/**
 * The main phase: per step, N pixels with their neighbours and flow targets go through the model,
 * and the NLA losses are summed. The mappings and α see all point sets in one batch each; the
 * atlases see the pixel and its two neighbours.
 */
final class DecompositionTask extends ModelTask {
  private static final int PHASE = 1;

  private final DecompositionLoss loss;
  private final TrainingData data;
  private final DecompositionConfig config;
  private final ParameterStore ps;
  private final float globalPixels;
  private final ErrorMap errors;
  private final int byError;

  /** Whether the given matte, not M_α, is the opacity the reconstruction composites with. */
  private final boolean matteOpacity;

  DecompositionTask(
      LayeredAtlasModel model, TrainingData data, DecompositionConfig config, NDManager manager) {
    super(model);
    this.data = data;
    this.config = config;
    BackgroundResidualConfig residual = config.model().backgroundResidual();
    this.loss =
        new DecompositionLoss(
            config.losses(),
            data.hasMatte(),
            residual != null,
            residual == null ? 0 : residual.penalty());
    this.ps = new ParameterStore(manager, false);
    int longEdge = Math.max(data.geometry().width(), data.geometry().height());
    this.globalPixels = config.losses().globalOffsetPixels(longEdge);
    this.errors = config.sampling().byError() ? data.errorMap(config.sampling()) : null;
    this.byError =
        (int) Math.round(config.schedule().batchPixels() * config.sampling().errorShare());
    this.matteOpacity = config.opacity() == OpacitySource.MATTE && data.hasMatte();
  }

  @Override
  public StepLoss loss(NDManager step, int iteration) {
    int n = config.schedule().batchPixels();
    PixelBatch b =
        data.sample(
            StepRandom.of(config.schedule().seed(), PHASE, iteration),
            n,
            globalPixels,
            errors,
            byError);
    boolean global = loss.needsGlobal(iteration);
    NDArray xyt = points(step, b.xyt(), n);
    NDArray dx = points(step, b.xytDx(), n);
    NDArray dy = points(step, b.xytDy(), n);
    NDArray fl = points(step, b.xytFlow(), n);
    NDList mapIn =
        global
            ? new NDList(xyt, dx, dy, fl, points(step, b.xytGx(), n), points(step, b.xytGy(), n))
            : new NDList(xyt, dx, dy, fl);
    NDArray all = NDArrays.concat(mapIn, 0);
    NDArray uvF = model.uvForeground(ps, all, true);
    NDArray uvB = model.uvBackground(ps, all, true);
    NDArray alpha = model.alpha(ps, all.get(new NDIndex("0:{}", 4L * n)), true);
    NDArray rgbF = model.foregroundAtlas().apply(ps, uvF.get(new NDIndex("0:{}", 3L * n)), true);
    NDArray rgbB = model.backgroundAtlas().apply(ps, uvB.get(new NDIndex("0:{}", 3L * n)), true);
    NDArray opacity =
        matteOpacity
            ? step.create(data.matteWithNeighbours(b.pixels()), new Shape(3L * n, 1))
            : alpha.get(new NDIndex("0:{}", 3L * n));
    NDArray rgb = LayeredOutput.composite(opacity, rgbF, rgbB);

    LayeredOutput at =
        new LayeredOutput(
            part(uvF, 0, n),
            part(uvB, 0, n),
            part(alpha, 0, n),
            part(rgbF, 0, n),
            part(rgbB, 0, n),
            part(rgb, 0, n));
    LossInputs.Differences local =
        new LossInputs.Differences(
            1f, part(uvF, 1, n), part(uvF, 2, n), part(uvB, 1, n), part(uvB, 2, n));
    LossInputs.Differences far =
        global
            ? new LossInputs.Differences(
                globalPixels, part(uvF, 4, n), part(uvF, 5, n), part(uvB, 4, n), part(uvB, 5, n))
            : null;
    NDArray target = colours(step, b.target(), n);
    if (errors != null) {
      errors.observe(
          b.pixels(),
          at.rgb().stopGradient().sub(target).square().sum(new int[] {1}).toFloatArray());
    }
    LossInputs.FlowTarget flowTarget =
        new LossInputs.FlowTarget(part(uvF, 3, n), part(uvB, 3, n), part(alpha, 3, n));
    LossInputs in =
        new LossInputs(
            at,
            target,
            colours(step, b.targetDx(), n),
            colours(step, b.targetDy(), n),
            part(rgb, 1, n),
            part(rgb, 2, n),
            local,
            far,
            flowTarget,
            column(step, b.flowMask(), n),
            b.matte() == null ? null : column(step, b.matte(), n),
            data.geometry().halfLongEdge(),
            residualFit(xyt, opacity, rgbF, rgbB, n));
    return loss.compute(in, iteration);
  }

  /**
   * The background colour residual at the batch's pixels and the reconstruction with it, in which
   * only the residual is differentiated (NLA's terms train everything else on the atlas-only
   * reconstruction, as without it); null when the model has none.
   */
  private LossInputs.ResidualFit residualFit(
      NDArray xyt, NDArray opacity, NDArray rgbF, NDArray rgbB, int n) {
    NDArray r = model.backgroundResidual(ps, xyt, true);
    if (r == null) {
      return null;
    }
    NDArray with =
        LayeredOutput.composite(
            part(opacity, 0, n).stopGradient(),
            part(rgbF, 0, n).stopGradient(),
            part(rgbB, 0, n).stopGradient().add(r));
    return new LossInputs.ResidualFit(r, with);
  }

  /**
   * Mean PSNR of the current model over up to {@code maxFrames} evenly spaced frames of {@code
   * clip}.
   */
  double probePsnr(org.styleatlas.engine.video.Clip clip, int maxFrames, NDManager manager) {
    org.styleatlas.engine.atlas.model.FrameGeometry g = data.geometry();
    int frames = g.frames();
    int count = Math.min(maxFrames, frames);
    double sum = 0;
    for (int i = 0; i < count; i++) {
      int t = count == 1 ? 0 : (int) Math.round(i * (frames - 1) / (double) (count - 1));
      float[] rgb =
          MapEvaluator.reconstructFrame(
              model, manager, g, t, matteOpacity ? clip.matte(t).values() : null);
      sum += Psnr.of(rgb, clip.frame(t));
    }
    return sum / count;
  }

  private static NDArray part(NDArray a, int index, int n) {
    return a.get(new NDIndex("{}:{}", (long) index * n, (long) (index + 1) * n));
  }

  private static NDArray points(NDManager m, float[] values, int n) {
    return m.create(values, new Shape(n, 3));
  }

  private static NDArray colours(NDManager m, float[] values, int n) {
    return m.create(values, new Shape(n, 3));
  }

  private static NDArray column(NDManager m, float[] values, int n) {
    return m.create(values, new Shape(n, 1));
  }

  @Override
  public List<ParameterGroup> parameterGroups() {
    List<NeuralField> fields = new ArrayList<>(model.fields());
    model.backgroundResidualField().ifPresent(fields::add);
    return ParameterGroups.decaying(fields, config.optimizer(), config.schedule().iterations());
  }
}
