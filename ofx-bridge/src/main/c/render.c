#define _GNU_SOURCE
#include "render.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notes.h"
#include "params.h"
#include "pixels.h"
#include "request.h"

/* How long one render request may keep the engine waiting (the protocol allows up to 10000 ms). */
#define RENDER_WAIT_MS 2000
/* Pause between repeated requests when the engine answers "pending" at once. */
#define RETRY_PAUSE_MS 200
#define PROGRESS_LABEL "StyleAtlas"

int g_host_temporal_access;

typedef struct RenderJob {
    OfxImageEffectHandle instance;
    OfxTime time;
    OfxRectI window;
    StyleParams params;
    EngineAddress address;
    OfxImageClipHandle source, output, matteClip;
    HostImage src, dst, matte;
    Planes planes;
    Cancel cancel;
    int progressOn;
    int userAborted;
    int uploaded;
    int clipLength;
} RenderJob;

static int host_aborted(void *ctx) {
    RenderJob *job = ctx;
    if (!job->userAborted && g_shim.effect->abort(job->instance)) job->userAborted = 1;
    return job->userAborted;
}

static void progress(RenderJob *job, double fraction) {
    if (!g_shim.progress) return;
    if (!job->progressOn) job->progressOn = g_shim.progress->progressStart(job->instance, PROGRESS_LABEL) == kOfxStatOK;
    if (job->progressOn && g_shim.progress->progressUpdate(job->instance, fraction) == kOfxStatReplyNo) job->userAborted = 1;
}

static void show_status(RenderJob *job, const Reply *r) {
    char text[JSON_MAX_TEXT + 64];
    if (*r->message) snprintf(text, sizeof text, "%s", r->message);
    else snprintf(text, sizeof text, "%s %d%%", *r->stage ? r->stage : r->status, (int)(r->progress * 100 + 0.5));
    params_set_status(job->instance, text);
}

static int fetch_matte(RenderJob *job, OfxTime t, HostImage *matte, Err *e) {
    memset(matte, 0, sizeof(*matte));
    if (job->params.matteSource != MATTE_CLIP) return 0;
    if (!job->matteClip) {
        err_set(e, "StyleAtlas: Matte source (matteSource) is \"Matte clip\", but this host offers no Matte clip "
                   "(Filter context); choose Source alpha or Box");
        return -1;
    }
    if (image_fetch(job->matteClip, t, 1, matte, e)) return -1;
    if (!matte->handle) {
        err_set(e, "StyleAtlas: Matte source is \"Matte clip\", but no Matte clip is connected; connect one or choose "
                   "Source alpha or Box");
        return -1;
    }
    return 0;
}

/* A host that declares temporal access but answers every time with the current frame (seen in a real
 * host) has none: compare the frame at another time of the range with the current one first. */
static int host_honours_time(RenderJob *job, const double range[2], Err *e) {
    OfxTime other = job->time != range[0] ? range[0] : range[0] + 1;
    if (other > range[1]) return 0;
    HostImage img;
    if (image_fetch(job->source, other, 0, &img, e)) return -1;
    size_t bytes = (size_t)job->planes.width * job->planes.height * 4 * sizeof(float);
    float *probe = malloc(bytes);
    int honours = 0;
    if (probe && image_width(&img) == job->planes.width && image_height(&img) == job->planes.height) {
        image_to_wire(&img, probe);
        honours = memcmp(probe, job->planes.input, bytes) != 0;
    }
    free(probe);
    image_release(&img);
    return honours;
}

/* Hosts with temporal access: upload the clip's source range before the first render that needs a
 * decomposition. Returns 0 when uploaded, 1 when the host gives no usable range or no real temporal
 * access (the caller falls back to the analysis pass), -1 on failure. */
static int upload_range(RenderJob *job, Err *e) {
    double range[2];
    OfxPropertySetHandle props;
    if (g_shim.effect->clipGetPropertySet(job->source, &props) != kOfxStatOK ||
        g_shim.prop->propGetDoubleN(props, kOfxImageEffectPropFrameRange, 2, range) != kOfxStatOK || range[1] < range[0])
        return 1;
    int honours = host_honours_time(job, range, e);
    if (honours <= 0) return honours < 0 ? -1 : 1;
    int count = (int)(range[1] - range[0]) + 1, rc = 0;
    Planes frame;
    if (planes_alloc(&frame, job->address.tcp, job->planes.width, job->planes.height, 0, job->planes.matte != NULL, e))
        return -1;
    for (int i = 0; i < count && rc == 0; i++) {
        OfxTime t = range[0] + i;
        HostImage img, matte;
        if (image_fetch(job->source, t, 0, &img, e)) {
            rc = -1;
        } else if (image_width(&img) != frame.width || image_height(&img) != frame.height) {
            err_set(e, "StyleAtlas: frame %g is %dx%d, unlike frame %g (%dx%d); clips must keep one size", t,
                    image_width(&img), image_height(&img), job->time, frame.width, frame.height);
            rc = -1;
        } else if (fetch_matte(job, t, &matte, e)) {
            rc = -1;
        } else {
            image_to_wire(&img, frame.input);
            if (matte.handle) image_to_wire_matte(&matte, img.bounds, frame.matte);
            image_release(&matte);
            Reply reply;
            if (request_send("frame", &job->address, &frame, t, count, 0, &job->params, &job->cancel, &reply, e)) rc = -1;
            progress(job, (double)(i + 1) / count);
        }
        image_release(&img);
    }
    planes_free(&frame);
    if (rc == 0) job->clipLength = count;
    return rc;
}

/* Counts a frame returned unstylized on the instance, with the engine's reason (for the end-of-sequence
 * note). */
static void note_pending(RenderJob *job, const Reply *r) {
    InstanceData *data = NULL;
    OfxPropertySetHandle props;
    if (g_shim.effect->getPropertySet(job->instance, &props) != kOfxStatOK ||
        g_shim.prop->propGetPointer(props, kOfxPropInstanceData, 0, (void **)&data) != kOfxStatOK || !data)
        return;
    pthread_mutex_lock(&data->lock);
    data->pendingFrames++;
    data->blocked = r->blocked;
    snprintf(data->stage, sizeof data->stage, "%s", r->stage);
    snprintf(data->reason, sizeof data->reason, "%s", *r->message ? r->message : r->stage);
    snprintf(data->engine, sizeof data->engine, "%s", job->params.engineAddress);
    pthread_mutex_unlock(&data->lock);
}

static int exchange(RenderJob *job, Err *e) {
    long long deadline = shim_now_ms() + (long long)job->params.maxWaitSeconds * 1000;
    for (;;) {
        long long started = shim_now_ms();
        int waitMs = RENDER_WAIT_MS;
        if (job->params.wait && deadline - started < waitMs) waitMs = deadline - started > 0 ? (int)(deadline - started) : 0;
        Reply r;
        if (request_send("render", &job->address, &job->planes, job->time, job->clipLength, waitMs, &job->params,
                         &job->cancel, &r, e))
            return -1;
        show_status(job, &r);
        if (strcmp(r.status, "stylized") == 0) {
            notes_clear();
            return 0;
        }
        if (strcmp(r.stage, "collecting") == 0 && g_host_temporal_access && !job->uploaded) {
            job->uploaded = 1;
            int up = upload_range(job, e);
            if (up < 0) return -1;
            if (up == 0) continue;
        }
        if (r.blocked && job->params.wait) { /* waiting cannot help: say why at once */
            err_set(e, "StyleAtlas: %s", *r.message ? r.message : r.stage);
            return -1;
        }
        /* While the clip is being collected nothing can be waited for: the pass itself completes it. */
        if (!job->params.wait || strcmp(r.stage, "collecting") == 0) {
            note_pending(job, &r);
            return 0; /* the engine put the source frame in output: the analysis pass */
        }
        progress(job, r.progress);
        if (cancel_requested(&job->cancel)) {
            err_set(e, "StyleAtlas: render aborted by the host while waiting for the engine (%s)", r.message);
            return -1;
        }
        if (shim_now_ms() >= deadline) {
            err_set(e, "StyleAtlas: the stylized frame was not ready within Max wait (%d s); the engine says: %s",
                    job->params.maxWaitSeconds, *r.message ? r.message : r.stage);
            return -1;
        }
        if (shim_now_ms() - started < RETRY_PAUSE_MS) usleep(RETRY_PAUSE_MS * 1000);
    }
}

static int prepare(RenderJob *job, OfxPropertySetHandle inArgs, Err *e) {
    const OfxPropertySuiteV1 *ps = g_shim.prop;
    ps->propGetDouble(inArgs, kOfxPropTime, 0, &job->time);
    ps->propGetIntN(inArgs, kOfxImageEffectPropRenderWindow, 4, &job->window.x1);
    if (params_read(job->instance, job->time, &job->params, e)) return -1;
    OfxPropertySetHandle props;
    int interactive = 1;
    if (g_shim.effect->getPropertySet(job->instance, &props) != kOfxStatOK ||
        ps->propGetInt(props, kOfxPropIsInteractive, 0, &interactive) != kOfxStatOK)
        interactive = 1;
    job->params.batchRender = !interactive;
    if (g_shim.effect->clipGetHandle(job->instance, kOfxImageEffectSimpleSourceClipName, &job->source, NULL) ||
        g_shim.effect->clipGetHandle(job->instance, kOfxImageEffectOutputClipName, &job->output, NULL)) {
        err_set(e, "StyleAtlas: the host has no Source or Output clip");
        return -1;
    }
    if (g_shim.effect->clipGetHandle(job->instance, SHIM_MATTE_CLIP, &job->matteClip, NULL) != kOfxStatOK)
        job->matteClip = NULL;
    if (image_fetch(job->source, job->time, 0, &job->src, e) || image_fetch(job->output, job->time, 0, &job->dst, e))
        return -1;
    job->clipLength = job->params.clipLength;
    return 0;
}

static int run(RenderJob *job, Err *e) {
    int w = image_width(&job->src), h = image_height(&job->src);
    if (job->params.output == OUTPUT_ORIGINAL) {
        float *plane = malloc((size_t)w * h * 4 * sizeof(float));
        if (!plane) {
            err_set(e, "StyleAtlas: out of memory for a %dx%d frame", w, h);
            return -1;
        }
        image_to_wire(&job->src, plane);
        image_from_wire(&job->dst, plane, job->src.bounds, job->window);
        free(plane);
        return 0;
    }
    if (transport_resolve(job->params.engineAddress, &job->address, e) || fetch_matte(job, job->time, &job->matte, e) ||
        planes_alloc(&job->planes, job->address.tcp, w, h, 1, job->matte.handle != NULL, e))
        return -1;
    image_to_wire(&job->src, job->planes.input);
    if (job->matte.handle) image_to_wire_matte(&job->matte, job->src.bounds, job->planes.matte);
    if (exchange(job, e)) return -1;
    image_from_wire(&job->dst, job->planes.output, job->src.bounds, job->window);
    return 0;
}

OfxStatus render_action(OfxImageEffectHandle instance, OfxPropertySetHandle inArgs) {
    RenderJob *job = calloc(1, sizeof(RenderJob));
    Err e = {.text = "StyleAtlas: the render failed for an unknown reason (a bug: please report it with the engine log)"};
    if (!job) return kOfxStatErrMemory;
    job->instance = instance;
    job->cancel = (Cancel){host_aborted, job};
    int rc = prepare(job, inArgs, &e);
    if (rc == 0) rc = run(job, &e);
    if (job->progressOn) g_shim.progress->progressEnd(instance);
    image_release(&job->matte);
    image_release(&job->dst);
    image_release(&job->src);
    planes_free(&job->planes);
    int aborted = job->userAborted;
    free(job);
    if (rc == 0) return kOfxStatOK;
    if (aborted) {
        shim_post_log(instance, e.text);
    } else {
        if (notes_first(e.text)) shim_post_error(instance, e.text);
        params_set_status(instance, e.text);
    }
    return kOfxStatFailed;
}
