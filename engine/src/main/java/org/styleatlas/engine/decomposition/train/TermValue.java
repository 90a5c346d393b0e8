package org.styleatlas.engine.decomposition.train;

/**
 * One loss term's value at one step, for reports and curves.
 *
 * @param name the term's stable name (from its class, e.g. "rgb", "rigidity-foreground")
 * @param weighted weight × raw value, as summed into the total
 */
public record TermValue(String name, double weighted) {}
