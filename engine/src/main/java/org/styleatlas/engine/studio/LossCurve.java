package org.styleatlas.engine.studio;

import java.util.List;

/**
 * A job's loss curve for the page's chart.
 *
 * @param source {@code report} (read from the finished job's output entry: the decomposition's
 *     {@code decomposition.json} or the stylized atlas's {@code history.json}, which the CLI's
 *     report also shows) or {@code live} (the losses the running job reported in its progress
 *     messages)
 * @param stage the training stage the curve belongs to
 * @param points in order of x
 */
public record LossCurve(String source, String stage, List<LossPoint> points) {
  public LossCurve {
    points = List.copyOf(points);
  }
}
