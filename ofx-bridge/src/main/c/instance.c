#include "instance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "notes.h"
#include "params.h"
#include "render.h"

#define STATUS_WAIT_MS 1000

static InstanceData *instance_data(OfxImageEffectHandle instance) {
    OfxPropertySetHandle props;
    void *data = NULL;
    if (g_shim.effect->getPropertySet(instance, &props) != kOfxStatOK ||
        g_shim.prop->propGetPointer(props, kOfxPropInstanceData, 0, &data) != kOfxStatOK)
        return NULL;
    return data;
}

OfxStatus instance_create(OfxImageEffectHandle instance) {
    OfxPropertySetHandle props;
    if (g_shim.effect->getPropertySet(instance, &props) != kOfxStatOK) return kOfxStatErrBadHandle;
    InstanceData *data = calloc(1, sizeof(InstanceData));
    if (!data) return kOfxStatErrMemory;
    pthread_mutex_init(&data->lock, NULL);
    g_shim.prop->propSetPointer(props, kOfxPropInstanceData, 0, data);
    return kOfxStatOK;
}

OfxStatus instance_destroy(OfxImageEffectHandle instance) {
    OfxPropertySetHandle props;
    InstanceData *data = instance_data(instance);
    if (data) pthread_mutex_destroy(&data->lock);
    free(data);
    if (g_shim.effect->getPropertySet(instance, &props) == kOfxStatOK)
        g_shim.prop->propSetPointer(props, kOfxPropInstanceData, 0, NULL);
    return kOfxStatOK;
}

static OfxPropertySetHandle source_props(OfxImageEffectHandle instance) {
    OfxImageClipHandle clip;
    OfxPropertySetHandle props = NULL;
    if (g_shim.effect->clipGetHandle(instance, kOfxImageEffectSimpleSourceClipName, &clip, &props) != kOfxStatOK)
        return NULL;
    return props;
}

/* The output has the source's components, depth and premultiplication. */
OfxStatus instance_clip_preferences(OfxImageEffectHandle instance, OfxPropertySetHandle outArgs) {
    const OfxPropertySuiteV1 *ps = g_shim.prop;
    OfxPropertySetHandle src = source_props(instance);
    char *value = NULL;
    if (!src) return kOfxStatReplyDefault;
    if (ps->propGetString(src, kOfxImageEffectPropComponents, 0, &value) == kOfxStatOK && value && *value)
        ps->propSetString(outArgs, kOfxImageClipPropComponentsPrefix kOfxImageEffectOutputClipName, 0, value);
    if (ps->propGetString(src, kOfxImageEffectPropPixelDepth, 0, &value) == kOfxStatOK && value && *value)
        ps->propSetString(outArgs, kOfxImageClipPropDepthPrefix kOfxImageEffectOutputClipName, 0, value);
    if (ps->propGetString(src, kOfxImageEffectPropPreMultiplication, 0, &value) == kOfxStatOK && value && *value)
        ps->propSetString(outArgs, kOfxImageEffectPropPreMultiplication, 0, value);
    return kOfxStatOK;
}

OfxStatus instance_region_of_definition(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs,
                                        OfxPropertySetHandle outArgs) {
    OfxImageClipHandle clip;
    OfxTime t = 0;
    OfxRectD rod;
    g_shim.prop->propGetDouble(inArgs, kOfxPropTime, 0, &t);
    if (g_shim.effect->clipGetHandle(instance, kOfxImageEffectSimpleSourceClipName, &clip, NULL) != kOfxStatOK ||
        g_shim.effect->clipGetRegionOfDefinition(clip, t, &rod) != kOfxStatOK)
        return kOfxStatReplyDefault;
    g_shim.prop->propSetDoubleN(outArgs, kOfxImageEffectPropRegionOfDefinition, 4, &rod.x1);
    return kOfxStatOK;
}

/* Output "Original" passes the source through untouched. */
OfxStatus instance_is_identity(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs) {
    OfxTime t = 0;
    OutputMode mode;
    g_shim.prop->propGetDouble(inArgs, kOfxPropTime, 0, &t);
    if (params_read_output(instance, t, &mode) || mode != OUTPUT_ORIGINAL) return kOfxStatReplyDefault;
    g_shim.prop->propSetString(outArgs, kOfxPropName, 0, kOfxImageEffectSimpleSourceClipName);
    g_shim.prop->propSetDouble(outArgs, kOfxPropTime, 0, t);
    return kOfxStatOK;
}

OfxStatus instance_begin_sequence(OfxImageEffectHandle instance) {
    InstanceData *data = instance_data(instance);
    if (!data) return kOfxStatOK;
    pthread_mutex_lock(&data->lock);
    data->pendingFrames = 0;
    pthread_mutex_unlock(&data->lock);
    return kOfxStatOK;
}

/* What the user can do about frames returned unstylized, by the engine's stage. */
static const char *advice(const char *stage, int blocked) {
    if (blocked) return "rendering again does not help until that changes";
    if (strcmp(stage, "collecting") == 0)
        return "the clip is complete when rendering restarts at frame 0 (or after Clip length (clipLength) frames): "
               "render the range again (see docs/OFX.md, two-pass rendering)";
    return "render the range again once Status shows done, or turn on Wait for result (wait)";
}

/* After a sequence that returned frames unstylized, say why, once per pass and cause: hosts that wrap
 * every frame in its own sequence would otherwise post the note for every frame. */
OfxStatus instance_end_sequence(OfxImageEffectHandle instance) {
    InstanceData *data = instance_data(instance);
    if (!data) return kOfxStatOK;
    char stage[sizeof data->stage], reason[sizeof data->reason], key[sizeof data->stage + sizeof data->engine + 16];
    pthread_mutex_lock(&data->lock);
    int pending = data->pendingFrames, blocked = data->blocked;
    snprintf(stage, sizeof stage, "%s", data->stage);
    snprintf(reason, sizeof reason, "%s", data->reason);
    snprintf(key, sizeof key, "unstylized:%s:%s", stage, data->engine);
    pthread_mutex_unlock(&data->lock);
    if (pending > 0 && notes_first(key)) {
        char text[640];
        snprintf(text, sizeof text,
                 "StyleAtlas: frames are returned unstylized (%d in this sequence; this note is posted once per "
                 "pass): %s; %s.",
                 pending, reason, advice(stage, blocked));
        shim_post_log(instance, text);
    }
    return kOfxStatOK;
}

/* Changing the Engine address checks that an engine answers there and shows the result in Status. */
OfxStatus instance_changed(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs) {
    char *name = NULL;
    if (g_shim.prop->propGetString(inArgs, kOfxPropName, 0, &name) != kOfxStatOK || !name ||
        strcmp(name, PARAM_ENGINE_ADDRESS) != 0)
        return kOfxStatReplyDefault;
    StyleParams p;
    EngineAddress a;
    Err e = {.text = "StyleAtlas: the engine check failed for an unknown reason"};
    JsonObject reply;
    char header[96];
    long long id = engine_next_id();
    int n = snprintf(header, sizeof header, "{\"type\":\"status\",\"id\":%lld}", id);
    EngineRequest req = {.address = &a, .header = header, .headerLen = (size_t)n, .id = id, .waitMs = STATUS_WAIT_MS};
    if (params_read(instance, 0, &p, &e) == 0 && transport_resolve(p.engineAddress, &a, &e) == 0 &&
        engine_exchange(&req, &reply, &e) == 0) {
        params_set_status(instance, "engine ready");
    } else {
        params_set_status(instance, e.text);
    }
    return kOfxStatOK;
}
