package org.styleatlas.engine.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.styleatlas.engine.clipmodel.ClipPreprocessor;
import org.styleatlas.engine.clipmodel.ImageTextEncoder;
import org.styleatlas.engine.runtime.Scalars;
import org.styleatlas.engine.stylize.loss.GlobalLoss;
import org.styleatlas.engine.stylize.loss.LocalLoss;
import org.styleatlas.engine.stylize.loss.LossValues;
import org.styleatlas.engine.stylize.loss.LossWeights;
import org.styleatlas.engine.stylize.loss.NormSparsityLoss;
import org.styleatlas.engine.stylize.loss.StructureLoss;
import org.styleatlas.engine.stylize.loss.StylizeLossTerm;
import org.styleatlas.engine.stylize.loss.TargetEmbeddings;
import org.styleatlas.engine.stylize.loss.TemporalLoss;
import org.styleatlas.engine.stylize.view.ViewBatch;

/**
 * Eq. 6 for one iteration, as a function of the atlas colours at the batch's view points: the views
 * are composited from the colours, encoded with CLIP, and the enabled terms weighted and summed.
 * Everything downstream of the colours lives here, so {@link AtlasPass} can differentiate it with
 * respect to the colours alone (the sparsity term reads the same colours, so it goes through the
 * same gradient).
 */
final class StepObjective {
  private final StylizeConfig config;
  private final Optional<StructureLoss> structureLoss;
  private final GlobalLoss globalLoss = new GlobalLoss();
  private final LocalLoss localLoss = new LocalLoss();
  private final TemporalLoss temporalLoss = new TemporalLoss();
  private final NormSparsityLoss sparsityLoss = new NormSparsityLoss();

  /**
   * The objective's value.
   *
   * @param loss scalar weighted sum L
   * @param terms every term before weighting, indexed by {@link StylizeLossTerm#ordinal()}; 0 when
   *     switched off
   * @param differentiable whether any enabled term depends on the colours (else there is nothing to
   *     step)
   */
  record Value(NDArray loss, double[] terms, boolean differentiable) {

    /** The iteration's report. */
    LossValues values(int iteration, double learningRate) {
      return new LossValues(
          iteration,
          terms[0],
          terms[1],
          terms[2],
          terms[3],
          terms[4],
          loss.getFloat(),
          learningRate);
    }
  }

  /** The inputs of one iteration that do not depend on the atlas. */
  record Inputs(
      ImageTextEncoder encoder, ViewBatch batch, int[] frames, TargetEmbeddings.Targets targets) {}

  StepObjective(StylizeConfig config, Optional<StructureLoss> structureLoss) {
    this.config = config;
    this.structureLoss = structureLoss;
  }

  /**
   * Evaluates L on the given colours; differentiable with respect to them when they require
   * gradients.
   *
   * @param step the step's manager
   * @param in the batch, its frames and the targets
   * @param foreground {@code [n·V·V, 3]} A(uv) at the batch's foreground points
   * @param background {@code [n·V·V, 3]} A_b(uv_b) at its background points, or null when the
   *     background is not stylized
   */
  Value evaluate(NDManager step, Inputs in, NDArray foreground, NDArray background) {
    LossWeights w = config.losses();
    ViewBatch batch = in.batch();
    int[] frames = in.frames();
    double[] v = new double[StylizeLossTerm.values().length];
    NDArray images =
        background == null ? batch.images(foreground) : batch.images(foreground, background);
    NDArray embeddings =
        in.encoder().encodeImages(ClipPreprocessor.prepare(images, in.encoder().imageSize()));
    int perFrame = config.views().viewsPerFrame();
    int nGlobal = config.views().globalViews();
    List<NDArray> frameGlobal = new ArrayList<>();
    NDArray global = step.zeros(new Shape());
    NDArray local = step.zeros(new Shape());
    for (int f = 0; f < frames.length; f++) {
      NDArray frameViews = embeddings.get((f * perFrame) + ":" + ((f + 1) * perFrame));
      if (nGlobal > 0) {
        NDArray g = frameViews.get("0:" + nGlobal);
        frameGlobal.add(g.mean(new int[] {0}));
        if (w.enabled(StylizeLossTerm.GLOBAL)) {
          global = global.add(globalLoss.compute(g, in.targets().global()));
        }
      }
      if (perFrame > nGlobal && w.enabled(StylizeLossTerm.LOCAL)) {
        local = local.add(localLoss.compute(frameViews.get(nGlobal + ":"), in.targets().local()));
      }
    }
    global = Scalars.div(global, frames.length);
    local = Scalars.div(local, frames.length);
    NDArray loss = Scalars.mul(global, w.global()).add(Scalars.mul(local, w.local()));
    v[StylizeLossTerm.GLOBAL.ordinal()] = global.getFloat();
    v[StylizeLossTerm.LOCAL.ordinal()] = local.getFloat();
    boolean temporal = w.enabled(StylizeLossTerm.TEMPORAL) && frameGlobal.size() >= 3;
    if (temporal) {
      NDArray t = temporalLoss.compute(NDArrays.stack(new NDList(frameGlobal)), frames);
      loss = loss.add(Scalars.mul(t, w.temporal()));
      v[StylizeLossTerm.TEMPORAL.ordinal()] = t.getFloat();
    }
    if (w.enabled(StylizeLossTerm.SPARSITY)) {
      NDArray sparsity = sparsityLoss.compute(foreground, batch.sparsityWeights(step));
      loss = loss.add(Scalars.mul(sparsity, w.sparsity()));
      v[StylizeLossTerm.SPARSITY.ordinal()] = sparsity.getFloat();
    }
    if (w.enabled(StylizeLossTerm.STRUCTURE)) {
      NDArray structure =
          structureLoss.orElseThrow().compute(batch, images, in.encoder().imageSize());
      loss = loss.add(Scalars.mul(structure, w.structure()));
      v[StylizeLossTerm.STRUCTURE.ordinal()] = structure.getFloat();
    }
    boolean differentiable =
        w.enabled(StylizeLossTerm.GLOBAL)
            || w.enabled(StylizeLossTerm.LOCAL)
            || w.enabled(StylizeLossTerm.SPARSITY)
            || w.enabled(StylizeLossTerm.STRUCTURE)
            || temporal;
    return new Value(loss, v, differentiable);
  }
}
