/* The render action, and the upload of a clip's source range on hosts with temporal access. */
#ifndef STYLEATLAS_RENDER_H
#define STYLEATLAS_RENDER_H

#include "shim.h"

#include <pthread.h>

/* Per-instance counters (kOfxPropInstanceData); nothing essential, hosts may create an instance per frame. */
typedef struct InstanceData {
    pthread_mutex_t lock;
    int pendingFrames;  /* renders of this sequence answered with the original frame */
    int blocked;        /* the last such answer said that waiting cannot help */
    char stage[32];     /* the engine's stage of the last such answer */
    char reason[256];   /* the engine's message of the last such answer */
    char engine[512];   /* the Engine address param of the last such answer */
} InstanceData;

extern int g_host_temporal_access;

OfxStatus render_action(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs);

#endif
