package org.styleatlas.engine.studio;

import org.styleatlas.engine.jobs.Job;

/**
 * A job as the status page shows it: the job exactly as the HTTP API returns it, plus the two
 * numbers the page adds from the job's own progress events ({@link JobTimeline}).
 *
 * @param job the job (docs/HOST.md)
 * @param etaSeconds estimated seconds until the current stage ends, or null when unknown
 * @param loss the last loss value the job reported in its message, or null
 */
public record JobStatus(Job job, Double etaSeconds, Double loss) {}
