/* Builds and sends the protocol's "frame" and "render" requests, with their pixel planes in shared
 * memory (local engine) or inline (TCP engine). */
#ifndef STYLEATLAS_REQUEST_H
#define STYLEATLAS_REQUEST_H

#include "engine.h"
#include "params.h"
#include "shm.h"

typedef struct Planes {
    int tcp;
    int width, height;
    Segment seg;        /* local: input, output, matte at the offsets below */
    unsigned char *inlineBuf;
    float *input;       /* w·h·4 */
    float *output;      /* w·h·4, or NULL */
    float *matte;       /* w·h, or NULL */
    size_t outputOffset, matteOffset;
    int unsettled;      /* a request naming the segment got no reply: the engine may still write to it */
} Planes;

/* The planes in a segment from the pool (local) or in memory (TCP). */
int planes_alloc(Planes *pl, int tcp, int width, int height, int withOutput, int withMatte, Err *e);
/* Returns a settled segment to the pool; destroys an unsettled one. */
void planes_free(Planes *pl);

typedef struct Reply {
    JsonObject json;
    const char *status;   /* "collected", "stylized" or "pending" */
    const char *stage;    /* may be "" */
    const char *message;  /* may be "" */
    double progress;
    int blocked;          /* waiting cannot help: message says why (no prompt, ...) */
} Reply;

/* type is "frame" or "render"; waitMs is used by render only. */
int request_send(const char *type, const EngineAddress *a, Planes *pl, OfxTime t, int clipLength, int waitMs,
                 const StyleParams *p, const Cancel *cancel, Reply *reply, Err *e);

#endif
