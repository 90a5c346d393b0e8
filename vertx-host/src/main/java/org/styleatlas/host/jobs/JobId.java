package org.styleatlas.host.jobs;

/** The id of a job, as an event-bus message body. */
public record JobId(String id) {}
