/* StyleAtlas.ofx: the plug-in's entry points, load/unload and action dispatch. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "describe.h"
#include "instance.h"
#include "render.h"
#include "shm.h"
#include "shim.h"

ShimHost g_shim;
static int g_loaded;

void err_set(Err *e, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, sizeof e->text, fmt, ap);
    va_end(ap);
}

int cancel_requested(const Cancel *c) { return c && c->check && c->check(c->ctx); }

long long shim_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Through the message suite; on stderr only when the host has none or refuses it (hosts that show
 * messages on stderr would otherwise print each one twice). */
static void post(OfxImageEffectHandle effect, const char *type, const char *text) {
    if (!g_shim.message || g_shim.message->message(effect, type, NULL, "%s", text) != kOfxStatOK)
        fprintf(stderr, "%s\n", text);
}

void shim_post_error(OfxImageEffectHandle effect, const char *text) { post(effect, kOfxMessageError, text); }
void shim_post_log(OfxImageEffectHandle effect, const char *text) { post(effect, kOfxMessageLog, text); }

static const void *fetch(const char *name, int version) {
    return g_shim.host->fetchSuite(g_shim.host->host, name, version);
}

/* Idempotent: some hosts call load again and again. */
static OfxStatus on_load(void) {
    if (g_loaded) return kOfxStatOK;
    if (!g_shim.host) return kOfxStatErrMissingHostFeature;
    g_shim.prop = fetch(kOfxPropertySuite, 1);
    g_shim.effect = fetch(kOfxImageEffectSuite, 1);
    g_shim.param = fetch(kOfxParameterSuite, 1);
    g_shim.memory = fetch(kOfxMemorySuite, 1);
    g_shim.message = fetch(kOfxMessageSuite, 1);
    g_shim.progress = fetch(kOfxProgressSuite, 1);
    g_shim.thread = fetch(kOfxMultiThreadSuite, 1);
    if (!g_shim.prop || !g_shim.effect || !g_shim.param) return kOfxStatErrMissingHostFeature;
    int temporal = 0;
    if (g_shim.prop->propGetInt(g_shim.host->host, kOfxImageEffectPropTemporalClipAccess, 0, &temporal) != kOfxStatOK)
        temporal = 0;
    g_host_temporal_access = temporal;
    segment_sweep_stale();
    g_loaded = 1;
    return kOfxStatOK;
}

static OfxStatus on_unload(void) {
    segment_pool_drain();
    g_loaded = 0;
    return kOfxStatOK;
}

static OfxStatus main_entry(const char *action, const void *handle, OfxPropertySetHandle inArgs,
                            OfxPropertySetHandle outArgs) {
    OfxImageEffectHandle effect = (OfxImageEffectHandle)handle;
    if (!action) return kOfxStatErrBadHandle;
    if (strcmp(action, kOfxActionLoad) == 0) return on_load();
    if (strcmp(action, kOfxActionUnload) == 0) return on_unload();
    if (!g_loaded) return kOfxStatFailed;
    if (strcmp(action, kOfxActionDescribe) == 0) return describe_action(effect);
    if (strcmp(action, kOfxImageEffectActionDescribeInContext) == 0) return describe_in_context_action(effect, inArgs);
    if (strcmp(action, kOfxActionCreateInstance) == 0) return instance_create(effect);
    if (strcmp(action, kOfxActionDestroyInstance) == 0) return instance_destroy(effect);
    if (strcmp(action, kOfxImageEffectActionRender) == 0) return render_action(effect, inArgs);
    if (strcmp(action, kOfxImageEffectActionGetClipPreferences) == 0) return instance_clip_preferences(effect, outArgs);
    if (strcmp(action, kOfxImageEffectActionGetRegionOfDefinition) == 0)
        return instance_region_of_definition(effect, inArgs, outArgs);
    if (strcmp(action, kOfxImageEffectActionIsIdentity) == 0) return instance_is_identity(effect, inArgs, outArgs);
    if (strcmp(action, kOfxImageEffectActionBeginSequenceRender) == 0) return instance_begin_sequence(effect);
    if (strcmp(action, kOfxImageEffectActionEndSequenceRender) == 0) return instance_end_sequence(effect);
    if (strcmp(action, kOfxActionInstanceChanged) == 0) return instance_changed(effect, inArgs);
    if (strcmp(action, kOfxActionPurgeCaches) == 0) return kOfxStatOK; /* the shim caches nothing */
    return kOfxStatReplyDefault;
}

static void set_host(OfxHost *host) { g_shim.host = host; }

static OfxPlugin g_plugin = {
    kOfxImageEffectPluginApi, kOfxImageEffectPluginApiVersion, SHIM_PLUGIN_ID, SHIM_VERSION_MAJOR, SHIM_VERSION_MINOR,
    set_host, main_entry};

OFX_EXPORT int OfxGetNumberOfPlugins(void) { return 1; }

OFX_EXPORT OfxPlugin *OfxGetPlugin(int nth) { return nth == 0 ? &g_plugin : NULL; }
