package org.styleatlas.engine.studio;

/**
 * One point of a loss curve.
 *
 * @param x position in the run, 0 … 1 (iteration / iterations, or the job's progress while it runs)
 * @param loss total loss
 */
public record LossPoint(double x, double loss) {}
