/* The render action, and the upload of a clip's source range on hosts with temporal access. */
#ifndef STYLEATLAS_RENDER_H
#define STYLEATLAS_RENDER_H

#include "shim.h"

/* Per-instance counters (kOfxPropInstanceData); nothing essential, hosts may create an instance per frame. */
typedef struct InstanceData {
    int pendingFrames;  /* renders answered with the original frame (analysis pass) */
} InstanceData;

extern int g_host_temporal_access;

OfxStatus render_action(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs);

#endif
