/* POSIX shared-memory segments for the engine calls, named /styleatlas-<pid>-<sequence>. A segment
 * serves one request at a time; after a request the engine answered, it goes back to a small pool of
 * the process and serves a later request of the same size (no new pages to allocate, clear and map). */
#ifndef STYLEATLAS_SHM_H
#define STYLEATLAS_SHM_H

#include <stddef.h>

#include "shim.h"

typedef struct Segment {
    char name[64];
    unsigned char *base;
    size_t size;
} Segment;

int segment_create(Segment *s, size_t size, Err *e);
/* Unmaps and unlinks; safe on a segment that failed to be created. */
void segment_destroy(Segment *s);

/* A segment of exactly size bytes: an idle one of the pool, else a new one. Its content is whatever
 * the last request left there. */
int segment_acquire(Segment *s, size_t size, Err *e);
/* Gives a segment back to the pool: only after the engine replied to the last request that named it
 * (so the engine no longer maps it). Destroys it when the pool is full. */
void segment_release(Segment *s);
/* Destroys the pool's idle segments (unload, process exit). */
void segment_pool_drain(void);
/* Unlinks segments that crashed processes of this user left behind (their pid is gone). */
void segment_sweep_stale(void);

#endif
