#include "request.h"

#include <stdlib.h>
#include <string.h>

static const char *const RENDER_STATUSES[] = {"stylized", "pending"};
static const char *const FRAME_STATUSES[] = {"collected"};

int planes_alloc(Planes *pl, int tcp, int width, int height, int withOutput, int withMatte, Err *e) {
    memset(pl, 0, sizeof(*pl));
    pl->tcp = tcp;
    pl->width = width;
    pl->height = height;
    size_t rgba = (size_t)width * height * 4 * sizeof(float);
    pl->outputOffset = rgba;
    pl->matteOffset = withOutput ? 2 * rgba : rgba;
    size_t total = pl->matteOffset + (withMatte ? (size_t)width * height * sizeof(float) : 0);
    unsigned char *base;
    if (tcp) {
        base = pl->inlineBuf = malloc(total);
        if (!base) {
            err_set(e, "StyleAtlas: out of memory for a %dx%d frame", width, height);
            return -1;
        }
    } else {
        if (segment_acquire(&pl->seg, total, e)) return -1;
        base = pl->seg.base;
    }
    pl->input = (float *)(void *)base;
    pl->output = withOutput ? (float *)(void *)(base + pl->outputOffset) : NULL;
    pl->matte = withMatte ? (float *)(void *)(base + pl->matteOffset) : NULL;
    return 0;
}

void planes_free(Planes *pl) {
    free(pl->inlineBuf);
    if (pl->unsettled) segment_destroy(&pl->seg);
    else segment_release(&pl->seg);
    memset(pl, 0, sizeof(*pl));
}

static void plane_ref(JsonBuf *b, const char *key, const Planes *pl, size_t offset, int withSize) {
    json_key_object(b, key);
    if (withSize) {
        json_key_int(b, "width", pl->width);
        json_key_int(b, "height", pl->height);
    }
    if (pl->tcp) {
        json_key_bool(b, "inline", 1);
    } else {
        json_key_string(b, "shm", pl->seg.name);
        json_key_int(b, "offset", (long long)offset);
    }
    json_end(b);
}

static int status_allowed(const char *status, const char *const *allowed, int count) {
    for (int i = 0; i < count; i++)
        if (strcmp(status, allowed[i]) == 0) return 1;
    return 0;
}

static int read_reply(const char *type, Reply *r, Err *e) {
    const JsonField *rtype = json_get(&r->json, "type", JSON_STRING);
    const JsonField *status = json_get(&r->json, "status", JSON_STRING);
    const JsonField *stage = json_get(&r->json, "stage", JSON_STRING);
    const JsonField *message = json_get(&r->json, "message", JSON_STRING);
    const JsonField *progress = json_get(&r->json, "progress", JSON_NUMBER);
    const JsonField *blocked = json_get(&r->json, "blocked", JSON_BOOL);
    int render = strcmp(type, "render") == 0;
    if (!rtype || strcmp(rtype->text, type) != 0 || !status ||
        !status_allowed(status->text, render ? RENDER_STATUSES : FRAME_STATUSES, render ? 2 : 1)) {
        err_set(e, "StyleAtlas: malformed reply from the engine (a \"%s\" reply with status \"%s\")",
                rtype ? rtype->text : "?", status ? status->text : "?");
        return -1;
    }
    r->status = status->text;
    r->stage = stage ? stage->text : "";
    r->message = message ? message->text : "";
    r->progress = progress ? progress->number : 0.0;
    r->blocked = blocked ? blocked->number != 0 : 0;
    return 0;
}

int request_send(const char *type, const EngineAddress *a, Planes *pl, OfxTime t, int clipLength, int waitMs,
                 const StyleParams *p, const Cancel *cancel, Reply *reply, Err *e) {
    int render = strcmp(type, "render") == 0;
    size_t rgbaBytes = (size_t)pl->width * pl->height * 4 * sizeof(float);
    size_t matteBytes = pl->matte ? (size_t)pl->width * pl->height * sizeof(float) : 0;
    EngineRequest req = {
        .address = a, .id = engine_next_id(), .waitMs = render ? waitMs : 0, .mayStartEngine = 1, .cancel = cancel};
    JsonBuf b;
    json_init(&b);
    json_begin(&b);
    json_key_string(&b, "type", type);
    json_key_int(&b, "id", req.id);
    json_key_double(&b, "time", t);
    json_key_int(&b, "clipLength", clipLength);
    if (render) json_key_int(&b, "waitMs", waitMs);
    if (render && p->batchRender) json_key_bool(&b, "batch", 1);
    if (pl->tcp) json_key_int(&b, "payloadBytes", (long long)(rgbaBytes + matteBytes));
    plane_ref(&b, "image", pl, 0, 1);
    if (render) plane_ref(&b, "output", pl, pl->outputOffset, 0);
    if (pl->matte) plane_ref(&b, "matte", pl, pl->matteOffset, 0);
    else json_key_null(&b, "matte");
    params_to_json(&b, p);
    json_end(&b);
    if (b.failed) {
        json_free(&b);
        err_set(e, "StyleAtlas: out of memory building a request");
        return -1;
    }
    req.header = b.data;
    req.headerLen = b.len;
    if (pl->tcp) {
        req.parts[0] = pl->input;
        req.sizes[0] = rgbaBytes;
        req.parts[1] = pl->matte;
        req.sizes[1] = matteBytes;
        req.partCount = pl->matte ? 2 : 1;
        req.replyPayload = pl->output;
        req.replyPayloadBytes = render ? rgbaBytes : 0;
    }
    pl->unsettled = 1;
    int rc = engine_exchange(&req, &reply->json, e);
    if (rc == 0) pl->unsettled = 0; /* the engine replied: it is done with the planes */
    json_free(&b);
    return rc ? rc : read_reply(type, reply, e);
}
