/* One POSIX shared-memory segment per engine call, named /styleatlas-<pid>-<sequence>. */
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

#endif
