package org.styleatlas.engine.studio.bench;

import org.styleatlas.engine.runtime.RunStats;

/**
 * One row of {@code styleatlas bench stylize}: the preset's editing atlas and views, and its rate.
 *
 * @param atlas the editing atlas mode, lower case
 * @param globalViews global views per iteration
 * @param localViews local views per iteration
 * @param viewResolution the side of a view in pixels (the CLIP model's input)
 * @param rates fine-tuning iterations per second over the runs
 */
public record StylizeRate(
    String atlas, int globalViews, int localViews, int viewResolution, RunStats rates) {}
